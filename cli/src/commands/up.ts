import type { Command } from '../command.js';
import { buildFunctions } from '../build/build-functions.js';
import { pushImages } from '../build/push-images.js';
import { isLocalProvider } from '../deploy/deploy-functions.js';
import { CliError } from '../errors.js';
import { connectGateway } from '../gateway-target.js';
import { flag, gatewayOptionsWith, namespaceOption, stackOptions } from '../options.js';
import { Printer } from '../printer.js';
import { loadStackForCommand } from '../stack/load-stack.js';
import { buildOptions, deployOptions, readBuildOptions } from './build-deploy-options.js';
import { imageBuilderFor } from './build.js';
import { deployLoaded } from './deploy.js';

/**
 * `faas up`: build, push, deploy. On the local provider template functions run from their source
 * folders, so nothing is built or pushed unless `--from-image` asks for images.
 */
export const upCommand: Command = {
  name: 'up',
  summary: 'build, push and deploy (local provider: deploy from source)',
  usage:
    'faas up [-f stack.yml] [--filter GLOB] [--skip-build] [--skip-push] [--skip-deploy] [--build-arg K=V]... [--wait]',
  options: {
    ...gatewayOptionsWith(namespaceOption, stackOptions),
    ...buildOptions,
    ...deployOptions,
    'skip-build': { type: 'boolean', description: 'do not build images' },
    'skip-push': { type: 'boolean', description: 'do not push (single-node clusters, no registry)' },
    'skip-deploy': { type: 'boolean', description: 'build and push only' },
  },
  async run({ io, values }) {
    const build = readBuildOptions(values);
    const loaded = (await loadStackForCommand(io, values, { required: true }))!;
    const out = new Printer(io);
    let local = false;
    if (!flag(values, 'skip-deploy') && !flag(values, 'from-image'))
      local = await isLocalProvider(await connectGateway(io, values, loaded.stack.gateway), out);
    if (local)
      out.info(
        'Local provider: template functions deploy from their source folders; no image build or push.',
      );
    const builder = imageBuilderFor(io);
    if (!local && !flag(values, 'skip-build')) {
      const { failures } = await buildFunctions(io, loaded.stack, loaded.functions, build, builder);
      if (failures)
        throw new CliError(`${failures} build${failures === 1 ? '' : 's'} failed; nothing deployed`);
    }
    if (!local && !flag(values, 'skip-push')) {
      const failures = await pushImages(io, loaded.functions, build.parallel, builder);
      if (failures)
        throw new CliError(`${failures} push${failures === 1 ? '' : 'es'} failed; nothing deployed`);
    }
    if (!flag(values, 'skip-deploy')) await deployLoaded(io, values, loaded);
  },
};
