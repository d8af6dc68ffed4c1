import { CliError } from '../errors.js';

/** One image to build. */
export interface BuildRequest {
  /** The build context folder (holds the Dockerfile). */
  contextDir: string;
  /** The image name and tag, e.g. `hello:latest`. */
  tag: string;
  /** `--build-arg`s, e.g. `{ BASE: 'faas/offline-base:latest' }`. */
  buildArgs: Record<string, string>;
  /** Build without the layer cache. */
  noCache: boolean;
}

/** Builds and pushes images; the Docker engine in production, a fake in tests. */
export interface ImageBuilder {
  /** Builds an image, reporting each log line; throws BuildFailure with the log when it fails. */
  build(req: BuildRequest, onLine: (line: string) => void): Promise<void>;
  /** Pushes an image to its registry, reporting progress; throws BuildFailure when it fails. */
  push(image: string, onLine: (line: string) => void): Promise<void>;
}

/** A build or push that failed; `log` is what the engine printed. */
export class BuildFailure extends CliError {
  constructor(
    message: string,
    /** The whole build log, printed on failure. */
    readonly log: readonly string[] = [],
  ) {
    super(message);
    this.name = 'BuildFailure';
  }
}
