// A hand-written fake of the Docker engine for build and push tests.
import { existsSync, readdirSync } from 'node:fs';
import type { BuildRequest, ImageBuilder } from '../src/build/image-builder.js';
import { BuildFailure } from '../src/build/image-builder.js';

/** Records builds and pushes; images named in `failing` fail with a log. */
export class FakeImageBuilder implements ImageBuilder {
  readonly builds: (BuildRequest & { files: string[] })[] = [];
  readonly pushes: string[] = [];
  readonly failing = new Set<string>();
  pushFails = false;
  inFlight = 0;
  maxInFlight = 0;

  async build(req: BuildRequest, onLine: (line: string) => void): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.builds.push({ ...req, files: existsSync(req.contextDir) ? readdirSync(req.contextDir).sort() : [] });
    onLine('Step 1/2 : ARG BASE=node:20-bookworm-slim');
    await new Promise((r) => setTimeout(r, 20));
    onLine('Step 2/2 : FROM ${BASE}');
    this.inFlight--;
    if (this.failing.has(req.tag))
      throw new BuildFailure("The command '/bin/sh -c npm install' returned a non-zero code: 1", [
        'Step 1/2 : ARG BASE',
        'npm ERR! network',
        "The command '/bin/sh -c npm install' returned a non-zero code: 1",
      ]);
  }

  async push(image: string, onLine: (line: string) => void): Promise<void> {
    this.pushes.push(image);
    onLine('The push refers to repository [docker.io/library/x]');
    if (this.pushFails)
      throw new BuildFailure(
        `push ${image} to docker.io (Docker Hub): dial tcp: lookup registry-1.docker.io: no such host`,
      );
  }
}
