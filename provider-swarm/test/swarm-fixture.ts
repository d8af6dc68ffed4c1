// What the adapter tests share: a real Docker client, a tiny HTTP image built FROM scratch with
// the host's static busybox (no registry, no Node, built in about two seconds, once), a labelled
// attachable overlay network, unique names per run and a clean-up that removes only what this
// run created.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';

const run = promisify(execFile);

/** The test image: serves /tmp/www on :8080 (index.html "hello", the env, copies of the secrets). */
export const TEST_IMAGE = 'faas-test/httpd:1';

/** The overlay network the tests attach functions to. */
export const TEST_NETWORK = 'faas-test-fn';

const DOCKERFILE = `FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
HEALTHCHECK --interval=1s --timeout=1s --retries=30 CMD wget -q -O /dev/null http://127.0.0.1:8080/index.html || exit 1
CMD ["/bin/sh", "-c", "mkdir -p /tmp/www && env > /tmp/www/env && (cp -r /var/openfaas/secrets /tmp/www/ 2>/dev/null; true) && echo hello > /tmp/www/index.html && echo started $HOSTNAME && echo to-stderr >&2 && (while sleep 0.5; do echo tick; done &) && exec httpd -f -p 8080 -h /tmp/www"]
`;

/** A Docker client for the local engine. */
export const docker = new Dockerode();

/** Builds the test image unless it exists (the legacy builder: no buildx needed). */
export async function ensureTestImage(): Promise<void> {
  if (
    await docker
      .getImage(TEST_IMAGE)
      .inspect()
      .then(
        () => true,
        () => false,
      )
  )
    return;
  const dir = await mkdtemp(join(tmpdir(), 'faas-test-image-'));
  try {
    await copyFile('/bin/busybox', join(dir, 'busybox'));
    await writeFile(join(dir, 'Dockerfile'), DOCKERFILE);
    await run('docker', ['build', '-q', '-t', TEST_IMAGE, dir], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Creates the test network (attachable overlay) unless it exists. Not labelled openfaas=true: the
 * tests name it, and a second labelled network would confuse a provider on this engine.
 */
export async function ensureTestNetwork(): Promise<void> {
  const existing = await docker.listNetworks({ filters: { name: [TEST_NETWORK] } });
  const found = existing.find((n) => n.Name === TEST_NETWORK);
  if (found && !found.Labels?.openfaas) return;
  if (found) await docker.getNetwork(found.Id).remove();
  await docker.createNetwork({
    Name: TEST_NETWORK,
    Driver: 'overlay',
    Attachable: true,
  });
}

/** A prefix unique to this run, for function and secret names. */
export function runPrefix(): string {
  return `t${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** Removes the services and secrets whose names start with `prefix`. */
export async function cleanUp(prefix: string): Promise<void> {
  for (const s of await docker.listServices()) {
    if (s.Spec?.Name?.startsWith(prefix))
      await docker
        .getService(s.ID)
        .remove()
        .catch(() => undefined);
  }
  // Secrets stay "in use" until Swarm has removed the services' tasks; retry briefly.
  for (let attempt = 0; attempt < 20; attempt++) {
    const left = (await docker.listSecrets()).filter((s) => s.Spec?.Name?.startsWith(prefix));
    if (left.length === 0) return;
    await Promise.all(
      left.map((s) =>
        docker
          .getSecret(s.ID)
          .remove()
          .catch(() => undefined),
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** GETs a URL (busybox wget: its -T segfaults here) from a throw-away container on the test network (task IPs only route inside it). */
export async function fetchOnNetwork(url: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { stdout } = await run(
        'docker',
        ['run', '--rm', '--network', TEST_NETWORK, TEST_IMAGE, 'wget', '-q', '-O', '-', url],
        { timeout: 30_000 },
      );
      return stdout;
    } catch (err) {
      // Docker races a container joining an attachable overlay with the node tearing the network
      // down as another container leaves it ("network <id> not found"); the next try gets it.
      if (attempt === 3 || !/network \S+ not found/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
