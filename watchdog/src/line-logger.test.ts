import { batchedWriter, LineLogger } from './line-logger.js';

describe('LineLogger', () => {
  it('writes pino-shaped JSON lines with bindings and fields', () => {
    const lines: string[] = [];
    const logger = new LineLogger((l) => lines.push(l)).child({ call: 'c1' });
    logger.info('Forking fprocess.', { n: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] as string)).toEqual({
      level: 30,
      time: expect.any(Number),
      name: 'watchdog',
      msg: 'Forking fprocess.',
      call: 'c1',
      n: 1,
    });
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = new LineLogger((l) => lines.push(l), {}, 'warn');
    logger.info('quiet');
    logger.error('loud');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['loud']);
  });
});

describe('batchedWriter', () => {
  it('writes the lines of one event-loop turn with one call', async () => {
    const writes: string[] = [];
    const write = batchedWriter((text) => writes.push(text));
    write('a\n');
    write('b\n');
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(['a\nb\n']);
    write('c\n');
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });
});
