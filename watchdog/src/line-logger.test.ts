import { batchedWriter, FunctionOutput, LineLogger, logStamp } from './line-logger.js';

/** `2026/12/07 15:04:05 ` */
const STAMP = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} /;

describe('LineLogger', () => {
  it('writes text lines as Go’s log package does, fields after the message', () => {
    const lines: string[] = [];
    const logger = new LineLogger((l) => lines.push(l)).child({ call: 'c1' });
    logger.info('Forking fprocess.');
    logger.info('Forking fprocess.', { fprocess: 'node index.js', n: 1 });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`${STAMP.source}Forking fprocess\\. call=c1\\n$`));
    expect(lines[1]?.replace(STAMP, '')).toBe('Forking fprocess. call=c1 fprocess="node index.js" n=1\n');
  });

  it('writes the message alone when there are no fields', () => {
    const lines: string[] = [];
    new LineLogger((l) => lines.push(l)).info('Wrote 5 Bytes - Duration: 0.001000s');
    expect(lines[0]?.replace(STAMP, '')).toBe('Wrote 5 Bytes - Duration: 0.001000s\n');
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = new LineLogger((l) => lines.push(l), {}, 'warn');
    logger.info('quiet');
    logger.error('loud');
    expect(lines.map((l) => l.replace(STAMP, ''))).toEqual(['loud\n']);
  });
});

describe('logStamp', () => {
  it('formats local time as yyyy/mm/dd hh:mm:ss with a trailing space', () => {
    const at = new Date(2026, 11, 7, 5, 4, 3, 999).getTime();
    expect(logStamp(at)).toBe('2026/12/07 05:04:03 ');
    expect(logStamp(at + 1)).toBe('2026/12/07 05:04:04 ');
  });
});

describe('FunctionOutput', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

  function capture(prefix = false): { lines: string[]; output: FunctionOutput } {
    const lines: string[] = [];
    return { lines, output: new FunctionOutput((l) => lines.push(l), prefix) };
  }

  it('writes each line exactly as written, joining pieces and cutting at newlines', () => {
    const { lines, output } = capture();
    const stream = output.stream('stderr');
    stream.write(bytes('{"level":"info"}\nhalf '));
    expect(lines).toEqual(['{"level":"info"}']);
    stream.write(bytes('a line\r\n  indented\n\nlast'));
    stream.end();
    expect(lines).toEqual(['{"level":"info"}', 'half a line', '  indented', '', 'last']);
  });

  it('keeps a character split between two chunks whole', () => {
    const { lines, output } = capture();
    const stream = output.stream('stdout');
    const euro = bytes('€\n');
    stream.write(euro.subarray(0, 1));
    stream.write(euro.subarray(1));
    stream.end();
    expect(lines).toEqual(['€']);
  });

  it('keeps the streams of two processes apart', () => {
    const { lines, output } = capture();
    const a = output.stream('stderr');
    const b = output.stream('stderr');
    a.write(bytes('from a, '));
    b.write(bytes('from b\n'));
    a.write(bytes('still a\n'));
    expect(lines).toEqual(['from b', 'from a, still a']);
  });

  it('cuts a line longer than 64 KiB into pieces instead of holding it', () => {
    const { lines, output } = capture();
    const stream = output.stream('stderr');
    stream.write(bytes('x'.repeat(64 * 1024 + 10)));
    expect(lines).toEqual(['x'.repeat(64 * 1024)]);
    stream.end();
    expect(lines[1]).toBe('x'.repeat(10));
  });

  it('prefixes the time and the stream with prefix_logs', () => {
    const { lines, output } = capture(true);
    const stream = output.stream('stdout');
    stream.write(bytes('hello\n'));
    expect(lines[0]).toMatch(new RegExp(`${STAMP.source}stdout: hello$`));
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
