import type { FunctionDeployment } from '@faas/contracts';
import { FaasError, parseFunctionDeployment } from '@faas/contracts';
import { CliError } from '../errors.js';
import type { GatewayClient } from '../gateway-client.js';
import { GatewayError } from '../gateway-error.js';
import { functionUrl } from '../function-url.js';
import type { CliIo } from '../io.js';
import { Printer } from '../printer.js';
import { functionReady, poll } from '../commands/ready.js';
import type { StackFunction } from '../stack/stack.js';
import { toDeployment } from '../stack/to-deployment.js';
import { findTemplate, templateDirs } from '../templates/template-catalogue.js';
import { localSourceDeployment } from './local-source.js';

/** How `faas deploy` (and `up`) deploys. */
export interface DeployOptions {
  /** Delete each function first (`--replace`). */
  replace: boolean;
  /** Wait until each function has a ready replica (`--wait`). */
  wait: boolean;
  /** How long `--wait` waits per function. */
  timeoutMs: number;
  /** `-n`: overrides each function's namespace. */
  namespace?: string;
  /** `--env` pairs, over the stack's `environment`. */
  env: Record<string, string>;
  /** `--label` pairs, over the stack's `labels`. */
  labels: Record<string, string>;
  /** `--annotation` pairs, over the stack's `annotations`. */
  annotations: Record<string, string>;
  /** Deploy the image even on the local provider (`--from-image`). */
  fromImage: boolean;
  /** PUT then POST on 404 (default); false: POST only, as faas-cli's `--update=false`. */
  update: boolean;
  /** `--readonly`: every function's root filesystem read-only. */
  readOnly: boolean;
  /** `provider.network` of the stack. */
  network?: string;
  /** `--json`: the caller prints the results; no `URL:` lines. */
  json: boolean;
}

function merge(
  a: Record<string, string> | undefined,
  b: Record<string, string>,
): Record<string, string> | undefined {
  const merged = { ...a, ...b };
  return Object.keys(merged).length ? merged : undefined;
}

/** What was deployed, for `--json`. */
export interface DeployResult {
  /** The function. */
  name: string;
  /** Its namespace, when one was sent. */
  namespace?: string;
  /** `created` (POST after a 404 to PUT) or `updated` (PUT). */
  action: 'created' | 'updated';
  /** Where it is invoked. */
  url: string;
  /** The folder the local provider runs it from, for a source deploy. */
  source?: string;
}

function checked(deployment: FunctionDeployment): FunctionDeployment {
  try {
    return parseFunctionDeployment(deployment);
  } catch (err) {
    if (err instanceof FaasError)
      throw new CliError(
        `${deployment.service}: invalid deployment`,
        err.problems.map((p) => `${p.field}: ${p.message}`),
      );
    throw err;
  }
}

/** Whether the gateway runs functions as local processes (`/system/info` says `orchestration: "local"`). */
export async function isLocalProvider(gateway: GatewayClient, out: Printer): Promise<boolean> {
  try {
    return (await gateway.info()).provider.orchestration === 'local';
  } catch (err) {
    if (err instanceof GatewayError && err.status === 401) throw err;
    out.warn(`cannot read ${gateway.url}/system/info (${(err as Error).message}); deploying images`);
    return false;
  }
}

/**
 * Why a function cannot run on the local provider, which runs a command (`fprocess`, or a
 * template's from its source folder) per replica and never an image; undefined when it can.
 */
function localProblem(fn: StackFunction, projectDir: string): string | undefined {
  if (fn.fprocess) return undefined;
  if (!fn.lang) return `${fn.name}: image ${fn.image} with no fprocess (the command each replica runs)`;
  if (findTemplate(fn.lang, templateDirs(projectDir)).ownDockerfile)
    return `${fn.name} (lang ${fn.lang}): runs only as the image its Dockerfile builds`;
  return undefined;
}

/** A CliError listing every function the local provider cannot run, before anything is deployed. */
function assertLocalRunnable(functions: StackFunction[], projectDir: string): void {
  const problems = functions.map((fn) => localProblem(fn, projectDir)).filter((p) => p !== undefined);
  if (problems.length)
    throw new CliError(
      'the local provider runs each function as a process on this machine, not as an image; nothing was deployed:',
      [
        ...problems,
        'Deploy these to Docker Swarm or Kubernetes, or give each an fprocess, a command this machine can run (`fprocess:` in the stack file, `--fprocess` with `--image`).',
      ],
    );
}

/**
 * Deploys functions one by one: `PUT /system/functions`, `POST` on 404 (`--replace` deletes
 * first). On a local provider a template function deploys from its build folder (see
 * local-source.ts). Prints each function's URL; with `--wait`, waits for a ready replica.
 */
export async function deployFunctions(
  io: CliIo,
  gateway: GatewayClient,
  functions: StackFunction[],
  projectDir: string,
  options: DeployOptions,
): Promise<{ results: DeployResult[]; failures: number }> {
  const out = new Printer(io);
  const local = !options.fromImage && (await isLocalProvider(gateway, out));
  if (local) assertLocalRunnable(functions, projectDir);
  const results: DeployResult[] = [];
  let failures = 0;
  for (const fn of functions) {
    try {
      let deployment = toDeployment(
        { ...fn, namespace: options.namespace ?? fn.namespace },
        { network: options.network },
      );
      deployment = {
        ...deployment,
        envVars: merge(deployment.envVars, options.env),
        labels: merge(deployment.labels, options.labels),
        annotations: merge(deployment.annotations, options.annotations),
        ...(options.readOnly ? { readOnlyRootFilesystem: true } : {}),
      };
      let source: string | undefined;
      const template = local && fn.lang ? findTemplate(fn.lang, templateDirs(projectDir)) : undefined;
      if (template && !template.ownDockerfile) {
        const prepared = await localSourceDeployment(deployment, fn, template, projectDir, {
          ...process.env,
          ...io.env,
        });
        deployment = prepared.deployment;
        source = prepared.source.folder;
      }
      deployment = checked(deployment);
      if (options.replace) await gateway.removeFunction(deployment.service, deployment.namespace);
      const action = await gateway.deployFunction(deployment, options.update);
      const url = functionUrl(gateway.url, fn.name, deployment.namespace);
      results.push({ name: fn.name, namespace: deployment.namespace, action, url, source });
      out.info(
        `Deployed ${fn.name} (${action}${source ? `, from source ${source}` : `, image ${deployment.image}`}).`,
      );
      if (!options.json) out.line(`URL: ${url}`);
      if (options.wait) {
        const attempts = Math.max(1, Math.ceil(options.timeoutMs / 250));
        const ready = await poll(attempts, 250, () => functionReady(gateway, fn.name, deployment.namespace));
        if (ready !== true)
          throw new CliError(`${fn.name} not ready after ${options.timeoutMs / 1000}s: ${ready}`);
        out.info(`${fn.name} is ready.`);
      }
    } catch (err) {
      failures++;
      const e = err as CliError;
      out.info(`${out.paint('red', 'error:')} ${e.message}`);
      for (const line of e.details ?? []) out.info(`  ${line}`);
    }
  }
  return { results, failures };
}
