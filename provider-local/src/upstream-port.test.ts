import { perReplicaUpstream, withPort } from './upstream-port.js';

describe('perReplicaUpstream', () => {
  it.each([
    ['http on 127.0.0.1', { mode: 'http', upstream_url: 'http://127.0.0.1:3000' }, 'http://127.0.0.1:3000'],
    ['http on localhost', { mode: 'http', upstream_url: 'http://localhost:3000/' }, 'http://localhost:3000/'],
    ['http on [::1]', { mode: 'http', upstream_url: 'http://[::1]:3000' }, 'http://[::1]:3000'],
    ['http on 127.1.2.3', { mode: 'http', upstream_url: 'http://127.1.2.3:3000' }, 'http://127.1.2.3:3000'],
    ['http without a port', { mode: 'http', upstream_url: 'http://127.0.0.1' }, 'http://127.0.0.1'],
    ['a remote upstream', { mode: 'http', upstream_url: 'http://10.0.0.5:3000' }, undefined],
    [
      'a name that only starts like localhost',
      { mode: 'http', upstream_url: 'http://localhost.evil:1' },
      undefined,
    ],
    ['credentials in the URL', { mode: 'http', upstream_url: 'http://u:p@127.0.0.1:3000' }, undefined],
    ['classic mode', { mode: 'classic', upstream_url: 'http://127.0.0.1:3000' }, undefined],
    ['no mode (classic)', { upstream_url: 'http://127.0.0.1:3000' }, undefined],
    ['http without upstream_url', { mode: 'http' }, undefined],
  ])('%s', (_what, env: Record<string, string>, expected) => {
    expect(perReplicaUpstream(env)).toBe(expected);
  });
});

describe('withPort', () => {
  it.each([
    ['http://127.0.0.1:3000', 'http://127.0.0.1:41234'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:41234/'],
    ['http://localhost:3000/api/v1?x=1#f', 'http://localhost:41234/api/v1?x=1#f'],
    ['https://127.0.0.1:3000/p', 'https://127.0.0.1:41234/p'],
    ['http://[::1]:3000/p', 'http://[::1]:41234/p'],
    ['http://127.0.0.1/p', 'http://127.0.0.1:41234/p'],
    ['http://127.0.0.1', 'http://127.0.0.1:41234'],
  ])('replaces the port of %s, keeping scheme, host and path', (url, expected) => {
    expect(withPort(url, 41234)).toBe(expected);
  });
});
