import { explainFailure } from './failure-explanation.js';

const answer = (status: number, text: string, more: Partial<Parameters<typeof explainFailure>[0]> = {}) => ({
  status,
  text,
  internal: null,
  durationMs: 10_020,
  ...more,
});

describe('explaining a failed invocation', () => {
  it('names the watchdog limit that stopped a call, its value, and that it is the default', () => {
    expect(
      explainFailure(answer(504, 'Function timed out after 10000ms (write_timeout).\n', { envVars: {} })),
    ).toEqual({
      kind: 'timeout',
      title: 'Ran out of time: stopped after 10 s by its write_timeout',
      sentences: [
        'write_timeout is the longest the watchdog lets any answer take; here 10 s, the watchdog’s default: the function’s environment does not set write_timeout.',
        'To allow longer, raise write_timeout (and exec_timeout, if set lower) in the function’s environment: Edit, Environment variables. The gateway’s own upstream_timeout must be longer too.',
      ],
    });
  });

  it('says where the function sets the limit itself', () => {
    const explained = explainFailure(
      answer(504, 'Function timed out after 1500ms (exec_timeout).\n', { envVars: { exec_timeout: '1.5s' } }),
    );
    expect(explained?.title).toBe('Ran out of time: stopped after 1.5 s by its exec_timeout');
    expect(explained?.sentences[0]).toBe(
      'exec_timeout is the longest the function’s process may run for one call; here set to 1.5s in the function’s environment (exec_timeout=1.5s).',
    );
  });

  it('reads the classic watchdog’s 408 as exec_timeout', () => {
    const explained = explainFailure(answer(408, 'Killed process.\n', { envVars: { exec_timeout: '10s' } }));
    expect(explained?.kind).toBe('timeout');
    expect(explained?.title).toBe('Ran out of time: killed after 10.0 s by its exec_timeout');
    expect(explained?.sentences[0]).toContain('set to 10s in the function’s environment (exec_timeout=10s)');
  });

  it('tells the gateway’s own timeout from the function’s', () => {
    const explained = explainFailure(
      answer(504, 'Upstream timed out.\n', { internal: 'gateway', durationMs: 60_000 }),
    );
    expect(explained?.title).toBe('Ran out of time: the gateway stopped waiting after 60 s');
    expect(explained?.sentences[0]).toMatch(/^The gateway’s upstream_timeout .* set where the gateway runs/);
  });

  it('keeps a killed process readable, pointing at the limits it may have hit', () => {
    const explained = explainFailure(answer(500, 'signal: SIGKILL\n', { envVars: { write_timeout: '10s' } }));
    expect(explained).toEqual({
      kind: 'crash',
      title: 'The function’s process was killed (SIGKILL) after 10.0 s',
      sentences: [
        'A watchdog kills a call that outlives its write_timeout or exec_timeout (here write_timeout=10s): if the call ran that long, it ran out of time. Otherwise something else killed it, e.g. running out of memory.',
      ],
    });
  });

  it('says how a crashed process ended', () => {
    expect(explainFailure(answer(500, 'exit status 3\nboom: no config\n'))?.title).toBe(
      'The function failed: its process ended with exit status 3',
    );
  });

  it.each([
    [200, 'ok', null],
    [404, 'Not found', 'gateway'],
    [500, 'oops from the function', null],
    [502, 'bad gateway', 'gateway'],
  ])('adds nothing to a %s answer %j', (status, text, internal) => {
    expect(explainFailure(answer(status, text, { internal }))).toBeUndefined();
  });
});
