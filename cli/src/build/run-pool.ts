/** The outcome of one item of {@link runPool}. */
export type PoolResult<T> = { ok: true; value: T } | { ok: false; error: Error };

/** Runs `work` on every item with at most `parallel` at a time; one failure does not stop others. */
export async function runPool<I, T>(
  items: I[],
  parallel: number,
  work: (item: I) => Promise<T>,
): Promise<PoolResult<T>[]> {
  const results: PoolResult<T>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { ok: true, value: await work(items[i] as I) };
      } catch (error) {
        results[i] = { ok: false, error: error as Error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, worker));
  return results;
}
