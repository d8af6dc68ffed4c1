import { LogBuffer } from './log-buffer.js';

async function collect(iterable: AsyncIterable<{ text: string }>): Promise<string[]> {
  const out: string[] = [];
  for await (const m of iterable) out.push(m.text);
  return out;
}

const signal = new AbortController().signal;

describe('LogBuffer', () => {
  it('keeps at most its capacity, dropping the oldest lines first', async () => {
    const buffer = new LogBuffer(10);
    buffer.open('f', 'ns');
    for (let i = 0; i < 25; i++) buffer.append('f', 'ns', 'f-1', `line ${i}`);
    const lines = await collect(buffer.read({ name: 'f', namespace: 'ns', follow: false }, signal));
    expect(lines).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i + 15}`));
  });

  it.each([
    [{ tail: 2 }, ['c', 'd']],
    [{ tail: 0 }, []],
    [{ instance: 'f-2' }, ['b', 'd']],
    [{ instance: 'f-2', tail: 1 }, ['d']],
  ])('honours %j', async (query, expected) => {
    const buffer = new LogBuffer(100);
    buffer.open('f', 'ns');
    ['a', 'b', 'c', 'd'].forEach((t, i) => buffer.append('f', 'ns', i % 2 ? 'f-2' : 'f-1', t));
    expect(
      await collect(buffer.read({ name: 'f', namespace: 'ns', follow: false, ...query }, signal)),
    ).toEqual(expected);
  });

  it('keeps only lines written at or after since', async () => {
    const buffer = new LogBuffer(100);
    buffer.open('f', 'ns');
    buffer.append('f', 'ns', 'f-1', 'old');
    await new Promise((r) => setTimeout(r, 20));
    const since = new Date().toISOString();
    buffer.append('f', 'ns', 'f-1', 'new');
    expect(await collect(buffer.read({ name: 'f', namespace: 'ns', follow: false, since }, signal))).toEqual([
      'new',
    ]);
  });

  it('sends new lines to a follower until it aborts', async () => {
    const buffer = new LogBuffer(100);
    buffer.open('f', 'ns');
    buffer.append('f', 'ns', 'f-1', 'before');
    const aborter = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const m of buffer.read({ name: 'f', namespace: 'ns', follow: true }, aborter.signal)) {
        seen.push(m.text);
        if (seen.length === 3) aborter.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 10));
    buffer.append('f', 'ns', 'f-1', 'live 1');
    buffer.append('f', 'ns', 'f-1', 'live 2');
    await done;
    expect(seen).toEqual(['before', 'live 1', 'live 2']);
  });

  it('ends a follower when the function is deleted', async () => {
    const buffer = new LogBuffer(100);
    buffer.open('f', 'ns');
    const done = collect(buffer.read({ name: 'f', namespace: 'ns', follow: true, tail: 0 }, signal));
    await new Promise((r) => setTimeout(r, 10));
    buffer.append('f', 'ns', 'f-1', 'last');
    buffer.drop('f', 'ns');
    await expect(done).resolves.toEqual(['last']);
  });

  it('refuses an unknown function', async () => {
    const buffer = new LogBuffer(10);
    await expect(collect(buffer.read({ name: 'x', namespace: 'ns', follow: false }, signal))).rejects.toThrow(
      'No such function: x.',
    );
  });
});
