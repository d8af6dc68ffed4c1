import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { conformanceCases } from './cases/index.js';
import { containerFunctions, localFunctions } from './presets.js';
import { runConformance, summary } from './runner.js';
import type { ConformanceFunctions, ConformanceOptions, ConformanceSkip } from './types.js';

/** The CLI's usage text. */
export const USAGE = `Usage: faas-conformance --url <provider URL> [options]

  --url <url>             the provider's base URL, e.g. http://127.0.0.1:8081 (required)
  --user <name>           basic-auth user for /system/* (default admin when a password is given)
  --password-file <file>  file holding the basic-auth password (trimmed)
  --namespace <ns>        deploy into this namespace (default: the provider's)
  --functions <preset>    local (default), container (needs --image) or a JSON file of
                          {env, secretReader, redirect} function specs
  --image <image>         the image of the container preset
  --skip <id>=<reason>    skip a case, with the reason (repeatable)
  --only <id>             run only this case (repeatable)
  --ready-timeout <s>     seconds to wait for replicas and logs (default 30)
  --list                  print the cases and exit
`;

function functionsFrom(preset: string | undefined, image: string | undefined): ConformanceFunctions {
  if (preset === undefined || preset === 'local') return localFunctions();
  if (preset === 'container') {
    if (!image) throw new Error('--functions container needs --image <image>');
    return containerFunctions(image);
  }
  return JSON.parse(readFileSync(preset, 'utf8')) as ConformanceFunctions;
}

/** Parses the command line into kit options; throws with a message for the user. */
export function parseCli(argv: string[]): ConformanceOptions | 'list' {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      user: { type: 'string' },
      'password-file': { type: 'string' },
      namespace: { type: 'string' },
      functions: { type: 'string' },
      image: { type: 'string' },
      skip: { type: 'string', multiple: true },
      only: { type: 'string', multiple: true },
      'ready-timeout': { type: 'string' },
      list: { type: 'boolean' },
    },
  });
  if (values.list) return 'list';
  if (!values.url) throw new Error('--url is required');
  const passwordFile = values['password-file'];
  const auth = passwordFile
    ? { user: values.user ?? 'admin', password: readFileSync(passwordFile, 'utf8').trim() }
    : undefined;
  const skip: ConformanceSkip[] = (values.skip ?? []).map((entry) => {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new Error(`--skip ${entry}: write --skip <id>=<reason>`);
    return { tests: [entry.slice(0, eq)], reason: entry.slice(eq + 1) };
  });
  const timeout = values['ready-timeout'];
  if (timeout !== undefined && !(Number(timeout) > 0))
    throw new Error(`--ready-timeout ${timeout}: give seconds, e.g. 30`);
  return {
    baseUrl: values.url,
    ...(auth ? { auth } : {}),
    ...(values.namespace ? { namespace: values.namespace } : {}),
    functions: functionsFrom(values.functions, values.image),
    skip,
    ...(values.only ? { only: values.only } : {}),
    ...(timeout !== undefined ? { readyTimeoutMs: Number(timeout) * 1000 } : {}),
  };
}

/** Runs the CLI; returns the exit code (0 all passed, 1 a case failed, 2 bad usage). */
export async function runCli(argv: string[], print: (line: string) => void): Promise<number> {
  let options: ConformanceOptions | 'list';
  try {
    options = parseCli(argv);
  } catch (err) {
    print(`faas-conformance: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'list') {
    for (const c of conformanceCases) print(`${c.id.padEnd(28)} ${c.title}`);
    return 0;
  }
  print(`faas-conformance: ${String(options.baseUrl)}`);
  let results;
  try {
    results = await runConformance(options, (r) => {
      if (r.outcome === 'passed') print(`  ✓ ${r.id}: ${r.title} (${r.durationMs} ms)`);
      else if (r.outcome === 'skipped') print(`  - ${r.id}: skipped (${r.message})`);
      else print(`  ✗ ${r.id}: ${r.title}\n      ${r.message}`);
    });
  } catch (err) {
    print(`faas-conformance: ${(err as Error).message}`);
    return 2;
  }
  print(summary(results));
  return results.some((r) => r.outcome === 'failed') ? 1 : 0;
}
