const ignore = (): void => undefined;

/**
 * Runs the tasks of one key one after another, in call order; tasks of different keys run
 * concurrently. A task may hold its key past its own answer with `hold(work)`: a DELETE answers
 * once the state is saved, but the next deploy of that name waits until the folder is gone.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: (hold: (work: Promise<unknown>) => void) => Promise<T>): Promise<T> {
    const held: Promise<unknown>[] = [];
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(() => task((work) => held.push(work)));
    const tail = result
      .then(ignore, ignore)
      .then(() => Promise.all(held.map((work) => work.then(ignore, ignore))))
      .then(ignore);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves once every task queued so far, and the work it holds, has finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
