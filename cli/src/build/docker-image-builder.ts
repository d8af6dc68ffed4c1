import { readdir } from 'node:fs/promises';
import type Docker from 'dockerode';
import type { BuildRequest, ImageBuilder } from './image-builder.js';
import { BuildFailure } from './image-builder.js';
import { registryAuthFor, registryHost } from './registry-auth.js';

/** One JSON object of Docker's build or push progress stream. */
interface ProgressEvent {
  stream?: string;
  status?: string;
  progress?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** Follows a progress stream; resolves with the log, rejects with the first error event. */
function follow(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  onLine: (line: string) => void,
): Promise<string[]> {
  const log: string[] = [];
  return new Promise((resolve, reject) => {
    let failed: string | undefined;
    docker.modem.followProgress(
      stream,
      (err: Error | null) => {
        if (err) reject(new BuildFailure(err.message, log));
        else if (failed !== undefined) reject(new BuildFailure(failed, log));
        else resolve(log);
      },
      (event: ProgressEvent) => {
        const text =
          event.error ?? event.stream ?? [event.id, event.status, event.progress].filter(Boolean).join(' ');
        if (event.error) failed ??= event.errorDetail?.message ?? event.error;
        for (const line of text.split('\n')) {
          if (!line.trim()) continue;
          log.push(line.trimEnd());
          onLine(line.trimEnd());
        }
      },
    );
  });
}

/** Where an image is pushed, for messages. */
export function registryOf(image: string): string {
  return registryHost(image) ?? 'docker.io (Docker Hub)';
}

/** Builds and pushes through the Docker engine API (dockerode): no docker CLI, no BuildKit needed. */
export class DockerImageBuilder implements ImageBuilder {
  private docker: Docker | undefined;

  constructor(private readonly env: Readonly<Record<string, string | undefined>> = {}) {}

  /** dockerode, loaded on first use: it costs ~0.5 s of startup that other commands should not pay. */
  private async engine(): Promise<Docker> {
    if (!this.docker) {
      const { default: Dockerode } = await import('dockerode');
      this.docker = new Dockerode();
    }
    return this.docker;
  }

  async build(req: BuildRequest, onLine: (line: string) => void): Promise<void> {
    const src = await readdir(req.contextDir);
    const docker = await this.engine();
    let stream: NodeJS.ReadableStream;
    try {
      stream = await docker.buildImage(
        { context: req.contextDir, src },
        { t: req.tag, buildargs: req.buildArgs, nocache: req.noCache, rm: true, forcerm: true },
      );
    } catch (err) {
      throw new BuildFailure(`cannot reach the Docker engine: ${(err as Error).message}`);
    }
    await follow(docker, stream, onLine);
  }

  async push(image: string, onLine: (line: string) => void): Promise<void> {
    const docker = await this.engine();
    let stream: NodeJS.ReadableStream;
    try {
      stream = await docker.getImage(image).push({ authconfig: registryAuthFor(image, this.env) });
    } catch (err) {
      throw new BuildFailure(`push ${image} to ${registryOf(image)}: ${(err as Error).message}`);
    }
    try {
      await follow(docker, stream, onLine);
    } catch (err) {
      const failure = err as BuildFailure;
      throw new BuildFailure(`push ${image} to ${registryOf(image)}: ${failure.message}`, failure.log);
    }
  }
}
