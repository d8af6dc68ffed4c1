import type { Command } from '../command.js';
import { buildFunctions } from '../build/build-functions.js';
import { DockerImageBuilder } from '../build/docker-image-builder.js';
import type { ImageBuilder } from '../build/image-builder.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
import { stackOptions } from '../options.js';
import { loadStackForCommand } from '../stack/load-stack.js';
import { buildOptions, readBuildOptions } from './build-deploy-options.js';

/** The image builder: the one the caller injected (tests), else the Docker engine, made once. */
export function imageBuilderFor(io: CliIo): () => ImageBuilder {
  let builder = io.imageBuilder;
  return () => (builder ??= new DockerImageBuilder(io.env));
}

/** `faas build`: builds each stack function's image from its template and handler. */
export const buildCommand: Command = {
  name: 'build',
  summary: "build functions' images from their template and handler (Docker API)",
  usage:
    'faas build [-f stack.yml] [--filter GLOB] [--parallel N] [--build-arg K=V]... [--no-cache] [--shrinkwrap]',
  options: {
    ...stackOptions,
    ...buildOptions,
    shrinkwrap: { type: 'boolean', description: 'only write build/<name>/ folders; no Docker' },
  },
  async run({ io, values }) {
    const options = readBuildOptions(values);
    const loaded = await loadStackForCommand(io, values, { required: true });
    const { stack, functions } = loaded!;
    const { failures } = await buildFunctions(io, stack, functions, options, imageBuilderFor(io));
    if (failures)
      throw new CliError(
        `${failures} of ${functions.length} build${functions.length === 1 ? '' : 's'} failed`,
      );
  },
};
