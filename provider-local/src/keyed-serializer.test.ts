import { KeyedSerializer } from './keyed-serializer.js';

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('KeyedSerializer', () => {
  it('runs the tasks of one key in call order, and of other keys at once', async () => {
    const serial = new KeyedSerializer();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`${name} start`);
      await later(ms);
      events.push(`${name} end`);
    };
    await Promise.all([
      serial.run('a', task('a1', 30)),
      serial.run('a', task('a2', 1)),
      serial.run('b', task('b1', 1)),
    ]);
    expect(events).toEqual(['a1 start', 'b1 start', 'b1 end', 'a1 end', 'a2 start', 'a2 end']);
  });

  it('answers a task before the work it holds, and starts the next task after that work', async () => {
    const serial = new KeyedSerializer();
    const events: string[] = [];
    const first = serial.run('a', async (hold) => {
      hold(later(30).then(() => events.push('held work done')));
      return 'first';
    });
    expect(await first).toBe('first');
    events.push('first answered');
    await serial.run('a', async () => void events.push('second'));
    expect(events).toEqual(['first answered', 'held work done', 'second']);
  });

  it('keeps going after a task or held work fails', async () => {
    const serial = new KeyedSerializer();
    await expect(
      serial.run('a', async (hold) => {
        hold(Promise.reject(new Error('held')));
        throw new Error('task');
      }),
    ).rejects.toThrow('task');
    await expect(serial.run('a', async () => 'next')).resolves.toBe('next');
    await serial.idle();
  });
});
