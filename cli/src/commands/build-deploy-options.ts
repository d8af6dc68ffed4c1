import { parseDurationMs } from '@faas/contracts';
import type { OptionTable, OptionValues } from '../command.js';
import type { BuildOptions } from '../build/build-functions.js';
import type { DeployOptions } from '../deploy/deploy-functions.js';
import { UsageError } from '../errors.js';
import { flag, integerValue, keyValues, stringValue } from '../options.js';

/** Flags of `build` (and `up`). */
export const buildOptions: OptionTable = {
  'build-arg': {
    type: 'string',
    short: 'b',
    multiple: true,
    valueName: 'K=V',
    description: 'Docker build argument, e.g. BASE=faas/offline-base:latest',
  },
  parallel: { type: 'string', valueName: 'N', description: 'build N functions at once (default 1)' },
  'no-cache': { type: 'boolean', description: 'build without the layer cache' },
};

/** Flags of `deploy` (and `up`). */
export const deployOptions: OptionTable = {
  replace: { type: 'boolean', description: 'remove each function before deploying it' },
  wait: { type: 'boolean', description: 'wait until each function has a ready replica' },
  timeout: {
    type: 'string',
    valueName: 'DURATION',
    description: 'how long --wait waits per function (default 60s)',
  },
  env: {
    type: 'string',
    short: 'e',
    multiple: true,
    valueName: 'K=V',
    description: 'environment variable, over the stack file',
  },
  label: {
    type: 'string',
    short: 'l',
    multiple: true,
    valueName: 'K=V',
    description: 'label, over the stack file',
  },
  annotation: {
    type: 'string',
    multiple: true,
    valueName: 'K=V',
    description: 'annotation, over the stack file',
  },
  update: {
    type: 'boolean',
    default: true,
    description: 'update a function that exists (PUT); --update=false only creates (POST)',
  },
  readonly: { type: 'boolean', description: "make every function's root filesystem read-only" },
  network: {
    type: 'string',
    valueName: 'NAME',
    description: "the functions' network, over provider.network",
  },
  'from-image': {
    type: 'boolean',
    description: 'on the local provider too, deploy the image rather than the source folder',
  },
  json: { type: 'boolean', description: 'print what was deployed as JSON' },
};

/** Reads the build flags. */
export function readBuildOptions(values: OptionValues): BuildOptions {
  return {
    buildArgs: keyValues(values, 'build-arg'),
    parallel: integerValue(values, 'parallel', 1, 1, 16),
    noCache: flag(values, 'no-cache'),
    shrinkwrap: flag(values, 'shrinkwrap'),
  };
}

/** Reads the deploy flags. */
export function readDeployOptions(values: OptionValues, network?: string): DeployOptions {
  const rawTimeout = stringValue(values, 'timeout') ?? '60s';
  const timeoutMs = parseDurationMs(rawTimeout);
  if (timeoutMs === undefined)
    throw new UsageError(`--timeout takes a duration like 90s or 2m, got "${rawTimeout}"`);
  return {
    replace: flag(values, 'replace'),
    wait: flag(values, 'wait'),
    timeoutMs,
    namespace: stringValue(values, 'namespace'),
    env: keyValues(values, 'env'),
    labels: keyValues(values, 'label'),
    annotations: keyValues(values, 'annotation'),
    fromImage: flag(values, 'from-image'),
    update: flag(values, 'update'),
    readOnly: flag(values, 'readonly'),
    network: stringValue(values, 'network') ?? network,
    json: flag(values, 'json'),
  };
}
