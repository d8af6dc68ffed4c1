// The real faas-cli (every release pinned in e2e/openfaas/tools.txt) against `npm start`'s
// platform: gateway + the embedded local provider, where a function's fprocess runs on the host.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LOOPBACK_CALLBACKS } from './async-support.js';
import { startLocalPlatform } from './cli-support.js';
import type { RunningPlatform } from './cli-support.js';
import { describeFaasCli } from './faas-cli-cases.js';

let platform: RunningPlatform | undefined;
let dir = '';

describeFaasCli({
  orchestration: 'local',
  needs: [],
  image: 'faas/watchdog:latest',
  // A local function's working directory holds its secrets, as `secrets/<name>`.
  catSecret: (name) => `cat secrets/${name}`,
  callbackHost: () => Promise.resolve('127.0.0.1'),
  async start() {
    dir = mkdtempSync(join(tmpdir(), 'faas-cli-local-'));
    const secrets = join(dir, 'secrets');
    mkdirSync(secrets);
    const password = randomBytes(12).toString('hex');
    writeFileSync(join(secrets, 'basic-auth-user'), 'admin\n');
    writeFileSync(join(secrets, 'basic-auth-password'), `${password}\n`, { mode: 0o600 });
    // The callback receiver listens on this host: loopback callbacks are allowed explicitly.
    platform = await startLocalPlatform(secrets, join(dir, 'state'), {
      callback_allowed_hosts: LOOPBACK_CALLBACKS,
    });
    return { url: platform.url, password };
  },
  async stop() {
    await platform?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
});
