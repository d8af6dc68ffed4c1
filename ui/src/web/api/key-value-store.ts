// The part of the browser's Storage the UI uses (tests pass a Map-backed one).

/** `localStorage`, or anything that reads and writes strings by key like it. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
