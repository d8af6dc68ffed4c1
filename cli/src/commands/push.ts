import type { Command } from '../command.js';
import { pushImages } from '../build/push-images.js';
import { CliError } from '../errors.js';
import { integerValue, stackOptions } from '../options.js';
import { loadStackForCommand } from '../stack/load-stack.js';
import { imageBuilderFor } from './build.js';

/** `faas push`: pushes the images `faas build` made to their registries. */
export const pushCommand: Command = {
  name: 'push',
  summary: "push functions' images to their registry",
  usage: 'faas push [-f stack.yml] [--filter GLOB] [--parallel N]',
  options: {
    ...stackOptions,
    parallel: { type: 'string', valueName: 'N', description: 'push N images at once (default 1)' },
  },
  async run({ io, values }) {
    const parallel = integerValue(values, 'parallel', 1, 1, 16);
    const { functions } = (await loadStackForCommand(io, values, { required: true }))!;
    const failures = await pushImages(io, functions, parallel, imageBuilderFor(io));
    if (failures) throw new CliError(`${failures} push${failures === 1 ? '' : 'es'} failed`);
  },
};
