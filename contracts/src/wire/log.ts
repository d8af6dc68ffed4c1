/** One line of `GET /system/logs` (NDJSON: one object per line). */
export interface LogMessage {
  /** The function's name. */
  name: string;
  /** Its namespace. */
  namespace: string;
  /** The replica (container, pod or process) that wrote the line. */
  instance: string;
  /** When it was written, RFC 3339 with fractional seconds. */
  timestamp: string;
  /** The text of the line, without its trailing newline. */
  text: string;
}

/** The query of `GET /system/logs`, parsed. */
export interface LogQuery {
  /** The function whose logs to read. */
  name: string;
  /** Its namespace. */
  namespace?: string;
  /** Only this replica. */
  instance?: string;
  /** Only the last N lines (0 = none of the history). */
  tail?: number;
  /** Keep the stream open and send new lines as they come. */
  follow: boolean;
  /** Only lines written at or after this time, RFC 3339. */
  since?: string;
}
