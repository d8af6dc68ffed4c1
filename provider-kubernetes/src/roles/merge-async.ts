/**
 * Interleaves several async iterables, yielding each value as soon as its source produces it;
 * ends when every source has ended. Sources are not closed by this function: the caller stops
 * them (here, with an AbortSignal), because an async generator cannot be closed while it waits.
 */
export async function* mergeAsync<T>(sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const pull = (index: number) =>
    pending.set(
      index,
      (iterators[index] as AsyncIterator<T>).next().then((result) => ({ index, result })),
    );
  iterators.forEach((_, i) => pull(i));
  while (pending.size > 0) {
    const { index, result } = await Promise.race(pending.values());
    if (result.done) pending.delete(index);
    else {
      pull(index);
      yield result.value;
    }
  }
}
