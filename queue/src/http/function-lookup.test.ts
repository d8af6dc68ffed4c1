import { cachedLookup } from './function-lookup.js';

describe('cachedLookup', () => {
  function counting(exists: Set<string>) {
    const calls: string[] = [];
    const find = async (name: string, namespace: string) => {
      calls.push(`${name}.${namespace}`);
      await new Promise((r) => setTimeout(r, 5));
      return exists.has(name) ? { annotations: { n: String(calls.length) } } : undefined;
    };
    return { calls, find };
  }

  it('remembers a function that exists until the TTL passes', async () => {
    let clock = 0;
    const { calls, find } = counting(new Set(['echo']));
    const lookup = cachedLookup(find, 1000, () => clock);
    expect(await lookup('echo', 'ns')).toEqual({ annotations: { n: '1' } });
    clock = 999;
    expect(await lookup('echo', 'ns')).toEqual({ annotations: { n: '1' } });
    clock = 1000;
    expect(await lookup('echo', 'ns')).toEqual({ annotations: { n: '2' } });
    expect(calls).toEqual(['echo.ns', 'echo.ns']);
  });

  it('shares one lookup among concurrent requests', async () => {
    const { calls, find } = counting(new Set(['echo']));
    const lookup = cachedLookup(find, 1000);
    await Promise.all(Array.from({ length: 20 }, () => lookup('echo', 'ns')));
    expect(calls).toHaveLength(1);
  });

  it('never remembers a miss', async () => {
    const exists = new Set<string>();
    const { calls, find } = counting(exists);
    const lookup = cachedLookup(find, 1000);
    expect(await lookup('new', 'ns')).toBeUndefined();
    exists.add('new');
    expect(await lookup('new', 'ns')).toBeDefined();
    expect(calls).toHaveLength(2);
  });

  it('passes straight through with a TTL of 0', async () => {
    const { calls, find } = counting(new Set(['echo']));
    const lookup = cachedLookup(find, 0);
    await lookup('echo', 'ns');
    await lookup('echo', 'ns');
    expect(calls).toHaveLength(2);
  });
});
