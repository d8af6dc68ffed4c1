import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogMessage } from '@faas/contracts';
import { LogBuffer } from './log-buffer.js';
import { LogFiles } from './log-files.js';

const line = (text: string): LogMessage => ({
  name: 'f',
  namespace: 'ns',
  instance: 'f-1',
  timestamp: '2026-11-21T00:00:00.000Z',
  text,
});

describe('LogFiles', () => {
  it('loads what an earlier instance appended, in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-logs-'));
    const first = new LogFiles(dir, 100);
    for (const text of ['a', 'b', 'c']) first.append('f', 'ns', line(text));
    await first.close();
    expect(new LogFiles(dir, 100).load('f', 'ns').map((m) => m.text)).toEqual(['a', 'b', 'c']);
  });

  it('drops a line it cannot write instead of throwing into the replica that wrote it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-logs-'));
    appendFileSync(join(dir, 'ns'), 'a file where the namespace folder would go');
    const files = new LogFiles(dir, 100);
    expect(() => files.append('f', 'ns', line('lost'))).not.toThrow();
  });

  it('rotates at linesPerFile and keeps between one and two files of lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-logs-'));
    const files = new LogFiles(dir, 3);
    for (let i = 1; i <= 8; i++) files.append('f', 'ns', line(String(i)));
    await files.close();
    expect(readdirSync(join(dir, 'ns')).sort()).toEqual(['f.ndjson', 'f.ndjson.1']);
    expect(new LogFiles(dir, 3).load('f', 'ns').map((m) => m.text)).toEqual(['4', '5', '6', '7', '8']);
  });

  it('counts the lines a file already has toward its rotation after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-logs-'));
    const first = new LogFiles(dir, 3);
    first.load('f', 'ns');
    for (const text of ['1', '2']) first.append('f', 'ns', line(text));
    await first.close();
    const second = new LogFiles(dir, 3);
    second.load('f', 'ns');
    for (const text of ['3', '4']) second.append('f', 'ns', line(text));
    await second.close();
    const third = new LogFiles(dir, 3);
    expect(third.load('f', 'ns').map((m) => m.text)).toEqual(['1', '2', '3', '4']);
    await third.close();
    expect(readdirSync(join(dir, 'ns')).sort()).toEqual(['f.ndjson', 'f.ndjson.1']);
  });

  it('skips a line cut short by a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-logs-'));
    const files = new LogFiles(dir, 100);
    files.append('f', 'ns', line('whole'));
    await files.close();
    appendFileSync(join(dir, 'ns', 'f.ndjson'), '{"name":"f","text":"cu');
    expect(new LogFiles(dir, 100).load('f', 'ns').map((m) => m.text)).toEqual(['whole']);
  });

  it('removes both files of a deleted function', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-logs-'));
    const files = new LogFiles(dir, 1);
    for (const text of ['a', 'b', 'c']) files.append('f', 'ns', line(text));
    files.remove('f', 'ns');
    await files.close();
    expect(readdirSync(join(dir, 'ns'))).toEqual([]);
  });
});

describe('LogBuffer with files', () => {
  it('starts a function log from the last `capacity` stored lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-logs-'));
    const first = new LogBuffer(2, new LogFiles(dir, 2));
    first.open('f', 'ns');
    for (const text of ['a', 'b', 'c']) first.append('f', 'ns', 'f-1', text);
    await first.close();
    const second = new LogBuffer(2, new LogFiles(dir, 2));
    second.open('f', 'ns');
    const seen: string[] = [];
    for await (const m of second.read(
      { name: 'f', namespace: 'ns', follow: false },
      new AbortController().signal,
    ))
      seen.push(m.text);
    expect(seen).toEqual(['b', 'c']);
  });
});
