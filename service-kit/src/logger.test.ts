import { createLogger, MemoryLogger } from './logger.js';

describe('createLogger', () => {
  it('writes one JSON object per line with name, level and fields', () => {
    const lines: string[] = [];
    const log = createLogger({ name: 'gateway', pretty: false, write: (l) => lines.push(l) });
    log.child({ callId: 'abc' }).info('invoked', { status: 200 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      name: 'gateway',
      level: 30,
      msg: 'invoked',
      callId: 'abc',
      status: 200,
    });
  });

  it('writes readable lines when pretty', () => {
    const lines: string[] = [];
    createLogger({ name: 'gateway', pretty: true, write: (l) => lines.push(l) }).warn('slow', { ms: 12 });
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}gateway: slow ms=12\n$/);
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    createLogger({ name: 'x', level: 'warn', pretty: false, write: (l) => lines.push(l) }).info('quiet');
    expect(lines).toEqual([]);
  });
});

describe('MemoryLogger', () => {
  it('keeps entries with child bindings for assertions', () => {
    const log = new MemoryLogger();
    log.child({ fn: 'cat' }).error('crashed', { code: 1 });
    expect(log.entries).toEqual([{ level: 'error', msg: 'crashed', fields: { fn: 'cat', code: 1 } }]);
    expect(log.text()).toContain('crashed');
  });
});
