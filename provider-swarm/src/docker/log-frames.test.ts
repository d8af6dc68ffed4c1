import { compareTimestamps, LogFrameDecoder, parseServiceLogLine } from './log-frames.js';

function frame(stream: number, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('LogFrameDecoder', () => {
  it('splits frames from stdout and stderr into lines', () => {
    const decoder = new LogFrameDecoder();
    expect(decoder.push(Buffer.concat([frame(1, 'a\nb\n'), frame(2, 'oops\n')]))).toEqual([
      { stream: 1, line: 'a' },
      { stream: 1, line: 'b' },
      { stream: 2, line: 'oops' },
    ]);
    expect(decoder.end()).toEqual([]);
  });

  it('waits for a frame split across chunks, even inside its header', () => {
    const decoder = new LogFrameDecoder();
    const whole = frame(1, 'héllo wörld\n');
    expect(decoder.push(whole.subarray(0, 5))).toEqual([]);
    expect(decoder.push(whole.subarray(5, 12))).toEqual([]);
    expect(decoder.push(whole.subarray(12))).toEqual([{ stream: 1, line: 'héllo wörld' }]);
  });

  it('joins a line split across frames and returns an unterminated last line at the end', () => {
    const decoder = new LogFrameDecoder();
    expect(decoder.push(frame(1, 'par'))).toEqual([]);
    expect(decoder.push(frame(1, 'tial\nlast'))).toEqual([{ stream: 1, line: 'partial' }]);
    expect(decoder.end()).toEqual([{ stream: 1, line: 'last' }]);
  });
});

describe('parseServiceLogLine', () => {
  const details =
    'com.docker.swarm.node.id=sh09,com.docker.swarm.service.id=nvdz,com.docker.swarm.task.id=blrno3c0ra9s';

  it.each([
    [
      `2026-11-20T23:05:51.546399784Z ${details} Forking fprocess.`,
      '2026-11-20T23:05:51.546399784Z',
      'blrno3c0ra9s',
      'Forking fprocess.',
    ],
    [
      `2026-11-20T23:05:51Z ${details} a=b keeps its spaces  `,
      '2026-11-20T23:05:51Z',
      'blrno3c0ra9s',
      'a=b keeps its spaces  ',
    ],
    [`2026-11-20T23:05:51Z ${details} `, '2026-11-20T23:05:51Z', 'blrno3c0ra9s', ''],
    [`2026-11-20T23:05:51Z ${details}`, '2026-11-20T23:05:51Z', 'blrno3c0ra9s', ''],
    ['2026-11-20T23:05:51Z plain text', '2026-11-20T23:05:51Z', '', 'plain text'],
  ])('reads %j', (line, timestamp, taskId, text) => {
    expect(parseServiceLogLine(line)).toEqual({ timestamp, taskId, text });
  });

  it('keeps a line without a timestamp as text, stamped now', () => {
    const now = new Date('2026-01-02T03:04:05.000Z');
    expect(parseServiceLogLine('no time here', () => now)).toEqual({
      timestamp: '2026-01-02T03:04:05.000Z',
      taskId: '',
      text: 'no time here',
    });
  });
});

describe('compareTimestamps', () => {
  it.each([
    ['2026-11-20T23:05:51.5Z', '2026-11-20T23:05:51.49999Z', 1],
    ['2026-11-20T23:05:51.000000001Z', '2026-11-20T23:05:51.000000002Z', -1],
    ['2026-11-20T23:05:51Z', '2026-11-20T23:05:51.000Z', 0],
    ['2026-11-20T23:05:50.9Z', '2026-11-20T23:05:51Z', -1],
  ])('orders %s against %s to the nanosecond', (a, b, sign) => {
    expect(Math.sign(compareTimestamps(a, b))).toBe(sign);
  });
});
