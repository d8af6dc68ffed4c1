/**
 * Interleaves several async iterables, yielding each value as soon as its source produces it;
 * `later`, when given, yields more sources over time (pods that start while logs are followed),
 * each merged in as it arrives. Ends when every source, and `later`, has ended. Sources are not
 * closed by this function: the caller stops them (here, with an AbortSignal), because an async
 * generator cannot be closed while it waits.
 */
export async function* mergeAsync<T>(
  sources: AsyncIterable<T>[],
  later?: AsyncIterable<AsyncIterable<T>>,
): AsyncGenerator<T> {
  type Next =
    | { kind: 'value'; index: number; result: IteratorResult<T> }
    | { kind: 'source'; result: IteratorResult<AsyncIterable<T>> };
  const iterators: AsyncIterator<T>[] = [];
  const pending = new Map<number | 'later', Promise<Next>>();
  const pull = (index: number) =>
    pending.set(
      index,
      (iterators[index] as AsyncIterator<T>).next().then((result) => ({ kind: 'value', index, result })),
    );
  const add = (source: AsyncIterable<T>) => {
    iterators.push(source[Symbol.asyncIterator]());
    pull(iterators.length - 1);
  };
  const more = later?.[Symbol.asyncIterator]();
  const pullMore = () =>
    more &&
    pending.set(
      'later',
      more.next().then((result) => ({ kind: 'source', result })),
    );
  sources.forEach(add);
  pullMore();
  while (pending.size > 0) {
    const next = await Promise.race(pending.values());
    if (next.kind === 'source') {
      if (next.result.done) pending.delete('later');
      else {
        add(next.result.value);
        pullMore();
      }
    } else if (next.result.done) pending.delete(next.index);
    else {
      pull(next.index);
      yield next.result.value;
    }
  }
}
