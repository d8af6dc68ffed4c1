// The OpenFaaS certifier against `npm start`'s platform (gateway + local provider): its functions'
// fprocess (sha512sum, env, cat) runs on the host.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCertifier } from './certifier-support.js';
import { startLocalPlatform } from './cli-support.js';
import type { RunningPlatform } from './cli-support.js';

let platform: RunningPlatform | undefined;
let dir = '';

describeCertifier({
  name: 'the local provider',
  needs: [],
  skips: {},
  async start() {
    dir = mkdtempSync(join(tmpdir(), 'certifier-local-'));
    const secrets = join(dir, 'secrets');
    mkdirSync(secrets);
    const password = randomBytes(12).toString('hex');
    writeFileSync(join(secrets, 'basic-auth-user'), 'admin\n');
    writeFileSync(join(secrets, 'basic-auth-password'), `${password}\n`, { mode: 0o600 });
    platform = await startLocalPlatform(secrets, join(dir, 'state'));
    return { url: platform.url, password };
  },
  async stop() {
    await platform?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
});
