import { dockerHealthOf, isAvailable } from './availability.js';
import type { DockerHealth, ProbeResult } from './availability.js';
import type { TaskView } from './function-status.js';

/** A probe fake that answers `result` and counts its calls. */
function probeOf(result: ProbeResult): { probe: () => Promise<ProbeResult>; calls: () => number } {
  let calls = 0;
  return {
    probe: async () => {
      calls++;
      return result;
    },
    calls: () => calls,
  };
}

describe('isAvailable', () => {
  it.each<[DockerHealth, ProbeResult, boolean, number]>([
    ['healthy', 'ok', true, 0],
    ['healthy', 'fail', true, 0],
    ['healthy', 'timeout', true, 0],
    ['unhealthy', 'ok', false, 0],
    ['unhealthy', 'fail', false, 0],
    ['unhealthy', 'timeout', false, 0],
    ['starting', 'ok', true, 1],
    ['starting', 'fail', false, 1],
    ['starting', 'timeout', false, 1],
    ['none', 'ok', true, 1],
    ['none', 'fail', false, 1],
    ['none', 'timeout', false, 1],
  ])('docker %s, probe %s: available %s, probed %d time(s)', async (health, result, expected, probes) => {
    const fake = probeOf(result);
    expect(await isAvailable(health, fake.probe)).toBe(expected);
    expect(fake.calls()).toBe(probes);
  });

  it.each<[DockerHealth | undefined, boolean]>([
    ['healthy', true],
    ['unhealthy', false],
    ['starting', false],
    ['none', true],
    [undefined, false],
  ])('without a probe, docker %s alone decides: %s', async (health, expected) => {
    expect(await isAvailable(health, undefined)).toBe(expected);
  });

  it('never probes a task without a container', async () => {
    const fake = probeOf('ok');
    expect(await isAvailable(undefined, fake.probe)).toBe(false);
    expect(fake.calls()).toBe(0);
  });
});

describe('dockerHealthOf', () => {
  const task = (state: string, desired = 'running'): TaskView => ({
    DesiredState: desired,
    Status: { State: state },
  });

  it.each<[string, TaskView, boolean | undefined, DockerHealth | undefined]>([
    ['running with a health check', task('running'), true, 'healthy'],
    ['running, check unknown (image on another node)', task('running'), undefined, 'healthy'],
    ['running without a health check', task('running'), false, 'none'],
    ['starting (first check not passed yet)', task('starting'), true, 'starting'],
    ['failed (e.g. unhealthy)', task('failed'), true, 'unhealthy'],
    ['preparing (no container yet)', task('preparing'), true, undefined],
    ['running but being shut down', task('running', 'shutdown'), true, undefined],
  ])('a task %s', (_what, t, hasCheck, expected) => {
    expect(dockerHealthOf(t, hasCheck)).toBe(expected);
  });
});
