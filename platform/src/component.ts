/**
 * One process-like part of the platform, started in order and stopped in reverse. The queue
 * worker joins as another component.
 */
export interface PlatformComponent {
  /** Shown in logs: `local provider`, `gateway`. */
  readonly name: string;
  /** Starts serving; resolves with the URL it serves on (or a one-word status). */
  start(): Promise<string>;
  /** Stops: no new work, in-flight work finishes until the deadline, resources released. */
  stop(deadlineMs: number): Promise<void>;
}
