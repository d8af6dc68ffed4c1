// The callback policy on the wire: a host name that resolves to a protected address is refused at
// connect time, with the worker's real HTTP client, and one the operator lists is reached.
import type { LookupAddress } from 'node:dns';
import { CallbackPolicy } from '@faas/queue';
import { sampleMessage } from '@faas/queue/testing';
import { CallbackSender } from '../src/callback-sender.js';
import { HttpClient } from '../src/http-client.js';
import { callbackReceiver, type Fixture } from './fixtures.js';

/** A resolver that answers every name with 127.0.0.1, as a hostile DNS record would. */
const toLoopback = (_host: string, done: (err: null, addresses: LookupAddress[]) => void): void =>
  done(null, [{ address: '127.0.0.1', family: 4 }]);

let receiver: Fixture;
let http: HttpClient;
beforeEach(async () => {
  receiver = await callbackReceiver();
  http = new HttpClient();
});
afterEach(async () => {
  http.close();
  await receiver.close();
});

function send(policy: CallbackPolicy, host: string) {
  const retry = { attempts: 3, codes: [], minWaitMs: 10, maxWaitMs: 10 };
  const sender = new CallbackSender(http, retry, 2_000, policy);
  const request = sampleMessage().request;
  request.callbackUrl = `http://${host}:${new URL(receiver.url).port}/hook`;
  const result = { status: 200, headers: {}, body: Buffer.from('result'), seconds: 0.01 };
  return sender.send(request, result, new AbortController().signal);
}

describe('callback destinations at resolution time', () => {
  it('refuses a host name that resolves to loopback, once, without reaching the receiver', async () => {
    const outcome = await send(new CallbackPolicy('*', toLoopback), 'rebind.example');
    expect(outcome).toEqual({
      delivered: false,
      attempts: 1,
      error:
        'callbacks may not go to rebind.example (127.0.0.1): it is a loopback address; an operator can allow it in callback_allowed_hosts.',
    });
    expect(receiver.received).toEqual([]);
  });

  it('reaches the same address through a name the operator lists', async () => {
    const outcome = await send(new CallbackPolicy('*,rebind.example', toLoopback), 'rebind.example');
    expect(outcome).toEqual({ delivered: true, attempts: 1 });
    expect(receiver.received.map((r) => r.body.toString())).toEqual(['result']);
  });
});
