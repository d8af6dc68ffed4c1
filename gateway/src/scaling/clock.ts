// Time as scaling sees it: tests drive a fake clock instead of waiting.

/** The current time in milliseconds. */
export interface Clock {
  /** Milliseconds since an arbitrary origin (Date.now for the real one). */
  now(): number;
}
/** The injection token of the {@link Clock}. */
export const Clock = Symbol('Clock');

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  constructor(private time = 1_000_000) {}

  now(): number {
    return this.time;
  }

  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.time += ms;
  }
}
