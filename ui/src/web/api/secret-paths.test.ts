import { secretsDirOf } from './secret-paths.js';

describe('where a function finds its secrets', () => {
  const local = { secretMountPath: '/srv/faas/functions/{namespace}/{function}/secrets' };
  const echo = { name: 'echo', namespace: 'openfaas-fn' };

  it.each([
    ['a container provider', undefined, echo, '/var/openfaas/secrets'],
    ['a provider that says nothing', {}, undefined, '/var/openfaas/secrets'],
    ['the local provider, for one function', local, echo, '/srv/faas/functions/openfaas-fn/echo/secrets'],
    [
      'the local provider, for any function',
      local,
      undefined,
      '/srv/faas/functions/<namespace>/<function>/secrets',
    ],
  ])('on %s', (_what, info, fn, dir) => {
    expect(secretsDirOf(info, fn)).toBe(dir);
  });
});
