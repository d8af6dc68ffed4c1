// Runs the OpenFaaS certifier (its `tests` package built by .ci/openfaas.sh as
// $FAAS_TOOLS/bin/openfaas-certifier.test) against a platform, once, and reports each of its
// top-level tests as one Jest test: PASS passes; SKIP passes only where the provider truly does
// not claim the feature (`skips`, each with its reason, as in e2e/README.md); anything else fails
// with the certifier's own output.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWith } from '@faas/e2e';
import type { Component } from '@faas/e2e';
import { pinnedCertifier, pinnedFaasClis, runCommand, tool } from './openfaas-support.js';

/** The platform one certifier run talks to. */
export interface CertifierTarget {
  /** `local` or `swarm`, for the titles. */
  name: string;
  /** What the run needs besides the certifier and a faas-cli. */
  needs: Component[];
  /** Starts the platform (and whatever the certifier deploys by name); gateway URL and password. */
  start(): Promise<{ url: string; password: string }>;
  /** Stops what `start` started. */
  stop(): Promise<void>;
  /** Certifier tests this provider skips, each with why (the README's table says the same). */
  skips: Record<string, string>;
}

/** One top-level certifier test's outcome and its lines of output. */
interface Outcome {
  result: 'PASS' | 'FAIL' | 'SKIP';
  output: string;
}

/** Splits `go test -v` output into each top-level test's outcome and output. */
export function parseGoTest(output: string): Map<string, Outcome> {
  const outcomes = new Map<string, Outcome>();
  let lines: string[] = [];
  let finished: Outcome | undefined;
  for (const line of output.split('\n')) {
    // A top-level test's lines run from its `=== RUN` to the next one: go prints its subtests'
    // results after its own.
    if (/^=== RUN\s+[^/\s]+$/.test(line)) [lines, finished] = [[], undefined];
    lines.push(line);
    if (finished) finished.output = lines.join('\n');
    const done = /^--- (PASS|FAIL|SKIP): (\S+)/.exec(line);
    if (done?.[2] && !done[2].includes('/')) {
      finished = { result: done[1] as Outcome['result'], output: lines.join('\n') };
      outcomes.set(done[2], finished);
    }
  }
  return outcomes;
}

/** The certifier's tests, as `-test.list` names them (empty when the binary is missing). */
function listTests(path: string): string[] {
  const listed = spawnSync(path, ['-test.list', '.*'], { encoding: 'utf8', timeout: 30_000 });
  return (listed.stdout ?? '').split('\n').filter((name) => /^Test\w+$/.test(name));
}

/** Registers the certifier suite against `target`. */
export function describeCertifier(target: CertifierTarget): void {
  const title = `the OpenFaaS certifier against ${target.name}`;
  if (pinnedCertifier() === undefined) {
    // Nothing to run until e2e/openfaas/go.mod pins it (see e2e/README.md).
    describe.skip(`${title} [skipped: the certifier is not pinned in e2e/openfaas/go.mod]`, () => {
      it('runs every certifier test', () => undefined);
    });
    return;
  }
  const certifier = tool('openfaas-certifier.test');
  const faasCli = tool(pinnedFaasClis()[0]?.binary ?? 'faas-cli');
  describeWith([...target.needs, certifier, faasCli], title, () => {
    let outcomes = new Map<string, Outcome>();
    let output = '';

    beforeAll(async () => {
      const home = mkdtempSync(join(tmpdir(), 'certifier-'));
      mkdirSync(join(home, '.openfaas'));
      try {
        const { url, password } = await target.start();
        const env = { HOME: home, OPENFAAS_URL: url, NO_COLOR: '1' };
        // -enableAuth reads the credentials faas-cli login saves in ~/.openfaas/config.yml.
        const login = await runCommand(faasCli.path, ['login', '--username', 'admin', '--password-stdin'], {
          env,
          stdin: password,
        });
        if (login.code !== 0) throw new Error(`faas-cli login failed:\n${login.stdout}${login.stderr}`);
        // idler_enabled: our gateway idles functions labelled com.openfaas.scale.zero=true.
        const run = await runCommand(
          certifier.path,
          ['-test.v', '-test.count=1', '-test.timeout=25m', '-enableAuth', `-gateway=${url}`],
          { env: { ...env, gateway_url: `${url}/`, idler_enabled: 'true' }, ms: 26 * 60_000 },
        );
        output = `${run.stdout}${run.stderr}`;
        outcomes = parseGoTest(output);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    }, 30 * 60_000);

    afterAll(() => target.stop(), 240_000);

    it.each(listTests(certifier.path))('%s', (name) => {
      const outcome = outcomes.get(name);
      if (!outcome)
        throw new Error(`${name} did not run; the certifier's last output:\n${output.slice(-4000)}`);
      if (outcome.result === 'SKIP' && target.skips[name]) return;
      if (outcome.result !== 'PASS') throw new Error(`${name}: ${outcome.result}\n${outcome.output}`);
    });
  });
}
