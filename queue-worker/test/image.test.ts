// The faas/queue-worker image, built offline (FROM the scratch-built faas/offline-base) by the test
// itself: bundle, base image, `docker build`. The container (host network) takes a call off a real
// nats-server -js, runs it through a stand-in gateway, POSTs the callback, serves /metrics, and
// exits 0 on `docker stop`; a bad setting makes it exit 2 with the reason.
import { execFile, execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openNatsBackend, type QueueBackend } from '@faas/queue';
import { freePort } from '@faas/service-kit/testing';
import { sampleMessage, startNatsServer, type NatsServer } from '@faas/queue/testing';
import { MemoryLogger } from '@faas/service-kit';
import { components, describeWith, until } from '@faas/service-kit/testing';
import { answering, callbackReceiver, fakeGateway, type Fixture } from './fixtures.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..');
const image = 'faas/queue-worker:test';
const exec = promisify(execFile);

function run(command: string, args: string[]): string {
  return execFileSync(command, args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describeWith([components.docker, components.nats], 'the queue-worker image', () => {
  const containers: string[] = [];
  let nats: NatsServer;
  let backend: QueueBackend;
  let fixtures: Fixture[] = [];

  beforeAll(async () => {
    run(process.execPath, [join(dirname(here), 'build.mjs')]);
    run('sh', ['deploy/images/offline-base.sh']);
    run('docker', [
      'build',
      '-q',
      '--build-arg',
      'BASE=faas/offline-base:latest',
      '-t',
      image,
      'queue-worker/',
    ]);
    nats = await startNatsServer();
    backend = openNatsBackend({ servers: nats.url, logger: new MemoryLogger(), publishTimeoutMs: 5_000 });
  }, 240_000);

  afterAll(async () => {
    if (containers.length > 0) run('docker', ['rm', '-f', ...containers]);
    await Promise.all(fixtures.map((f) => f.close()));
    await backend?.close();
    await nats?.dispose();
  });

  it('runs a queued call through the gateway, sends the callback, and stops cleanly on SIGTERM', async () => {
    const fn = answering([200], 'hashed');
    const gateway = await fakeGateway({ 'echo.openfaas-fn': fn });
    const receiver = await callbackReceiver();
    fixtures = [gateway, receiver];
    const port = await freePort();
    const id = run('docker', [
      'run',
      '-d',
      '--network',
      'host',
      '-e',
      `faas_nats_address=${nats.url}`,
      '-e',
      `faas_gateway_address=${gateway.url}`,
      '-e',
      `port=${port}`,
      // The receiver is on this host (host network): loopback callbacks are allowed explicitly.
      '-e',
      'callback_allowed_hosts=*,127.0.0.1',
      image,
    ]).trim();
    containers.push(id);

    const message = sampleMessage({ body: 'input' });
    message.request.callbackUrl = `${receiver.url}/hook`;
    await backend.queue('faas-request').publish(message);
    await until('the callback', () => receiver.received.length === 1, 20_000, 20);

    expect(gateway.received.map((r) => [r.method, r.url, r.body.toString()])).toEqual([
      ['POST', '/function/echo.openfaas-fn', 'input'],
    ]);
    expect(receiver.received[0]).toMatchObject({ method: 'POST', url: '/hook' });
    expect(receiver.received[0]!.body.toString()).toBe('hashed');
    expect(receiver.received[0]!.headers).toMatchObject({
      'x-function-status': '200',
      'x-function-name': 'echo',
      'x-call-id': message.request.callId,
    });
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(
      /^queue_worker_invocations_total\{function_name="echo.openfaas-fn",code="200"\} 1$/m,
    );

    run('docker', ['stop', '-t', '20', id]);
    expect(run('docker', ['inspect', '-f', '{{.State.ExitCode}}', id]).trim()).toBe('0');
    expect(run('docker', ['logs', id])).toContain('"msg":"stopped"');
  }, 60_000);

  it('exits 2 and names the setting when the configuration is invalid', async () => {
    const result = await exec('docker', ['run', '--rm', '-e', 'max_inflight=many', image]).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('max_inflight: "many" is not a whole number between 1 and 1000');
  });
});
