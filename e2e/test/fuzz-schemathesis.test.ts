// schemathesis against the platform as `npm start` runs it: every operation of
// contracts/openapi.yaml tagged `gateway` on the gateway, then every one tagged `provider` on the
// embedded local provider directly, authenticated with the platform's credentials (what is checked
// and how many examples: e2e/schemathesis/schemathesis.toml, e2e/README.md "Fuzzing"). The Swarm
// provider is fuzzed by swarm-stack.test.ts on its stack, the same way.
import { describeWith, startNpmPlatform } from '@faas/e2e';
import type { NpmPlatform } from '@faas/e2e';
import { LOOPBACK_CALLBACKS, callbackReceiver } from './async-support.js';
import { describeSchemathesis, schemathesis } from './schemathesis-support.js';

describeWith([schemathesis], 'fuzzing npm start with schemathesis', () => {
  let platform: NpmPlatform;
  let receiver: Awaited<ReturnType<typeof callbackReceiver>>;
  let auth = '';

  beforeAll(async () => {
    // The callback receiver listens on this host: loopback callbacks are allowed explicitly.
    [platform, receiver] = await Promise.all([
      startNpmPlatform({ callback_allowed_hosts: LOOPBACK_CALLBACKS }),
      callbackReceiver(),
    ]);
    auth = `Basic ${Buffer.from(`${platform.user}:${platform.password}`).toString('base64')}`;
    // The document's example function name is a live function, so invocations reach a replica.
    const deployed = await fetch(`${platform.url}/system/functions`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'figlet', image: 'faas/cat', envProcess: 'cat' }),
    });
    expect(deployed.status).toBe(202);
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
    await receiver?.close();
  });

  describeSchemathesis(['gateway', 'provider'], (side) => ({
    url: side === 'gateway' ? platform.url : platform.providerUrl,
    side,
    user: platform.user,
    password: platform.password,
    callbackUrl: receiver.url,
  }));

  it('leaves the platform answering: health, the function list and an invocation', async () => {
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
    const list = await fetch(`${platform.url}/system/functions`, { headers: { authorization: auth } });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'figlet' })]));
    const echo = await fetch(`${platform.url}/function/figlet`, { method: 'POST', body: 'still here' });
    expect(echo.status).toBe(200);
    expect(await echo.text()).toBe('still here');
  });
});
