// schemathesis (PyPI; `.ci/schemathesis.sh` installs the pinned venv) against a running gateway or
// provider, from contracts/openapi.yaml, as e2e/schemathesis/schemathesis.toml configures it.
// Any platform can be fuzzed: `describeSchemathesis(() => target)` inside a suite that started one
// (npm start, the Swarm stack; the Kubernetes suite calls it the same way).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_REPLICAS } from '@faas/contracts';
import type { Component } from '@faas/e2e';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The CLI: $FAAS_SCHEMATHESIS, else the venv .ci/schemathesis.sh makes under $FAAS_TOOLS. */
export const SCHEMATHESIS =
  process.env.FAAS_SCHEMATHESIS ??
  join(process.env.FAAS_TOOLS ?? '/var/cache/faas-tools', 'schemathesis', 'bin', 'schemathesis');

/** The component, for `describeWith`: under CI=true a missing schemathesis fails the suite. */
export const schemathesis: Component = {
  name: 'schemathesis',
  hint: 'bash .ci/schemathesis.sh',
  available: () => spawnSync(SCHEMATHESIS, ['--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0,
};

/**
 * The seed of every run: fixed, so CI is repeatable and a failure reproduces with the same
 * command; FAAS_FUZZ_SEED explores others.
 */
export const FUZZ_SEED = Number(process.env.FAAS_FUZZ_SEED ?? 19);

/** Longest a whole run may take before it counts as a hang of its own. */
const RUN_LIMIT_MS = 8 * 60_000;

/** What to fuzz. */
export interface FuzzTarget {
  /** Base URL. */
  url: string;
  /** Which operations of openapi.yaml: those tagged `gateway` or `provider`. */
  side: 'gateway' | 'provider';
  /** Basic-auth credentials. */
  user: string;
  password: string;
  /** Where absolute `X-Callback-Url`s are pointed (e2e/schemathesis/hooks.py); a loopback receiver. */
  callbackUrl?: string;
  /** The local image deployments run (hooks.py), where the provider runs images (Swarm, Kubernetes). */
  image?: string;
  /** Fewer examples per operation than the config's, where each deployment is a container. */
  maxExamples?: number;
  /** Operations left out (by operationId), each for a reason the caller states. */
  excludeOperations?: string[];
  /**
   * A valid scale to 0 asks for 1 on the gateway too (hooks.py; the provider side always does):
   * where a scale from zero starts a pod, the first call waits for the orchestrator, which the
   * fuzzer's 15 s would judge. That platform's own suite tests scaling from zero.
   */
  keepAReplica?: boolean;
}

/** The totals of one run, from schemathesis's JSON report. */
export interface FuzzReport {
  operations: number;
  testCases: number;
  failures: { code: string; title: string; count: number; operations: string[] }[];
  /** Failures e2e/schemathesis/hooks.py accepted (a provider's documented 503 for no ready replica). */
  accepted: number;
  errors: unknown[];
  exitCode: number | null;
  seconds: number;
  /** The console output (failures come with a curl command that reproduces each). */
  output: string;
}

interface JsonReport {
  exit_code: number;
  running_time: number;
  operations: { tested: number; errored: number };
  test_cases: { generated: number };
  failures: FuzzReport['failures'];
  filtered: number;
  errors: unknown[];
}

/** Runs `schemathesis run` against one side; resolves when it ends (or is killed at RUN_LIMIT_MS). */
export async function runSchemathesis(target: FuzzTarget): Promise<FuzzReport> {
  const dir = mkdtempSync(join(tmpdir(), 'faas-fuzz-'));
  const reportPath = join(dir, 'report.json');
  try {
    const args = [
      '--config-file',
      'e2e/schemathesis/schemathesis.toml',
      'run',
      'contracts/openapi.yaml',
      '--url',
      target.url,
      '--include-tag',
      target.side,
      '--auth',
      `${target.user}:${target.password}`,
      '--seed',
      String(FUZZ_SEED),
      '--no-color',
      '--report',
      'json',
      '--report-json-path',
      reportPath,
      ...(target.maxExamples ? ['--max-examples', String(target.maxExamples)] : []),
      ...(target.excludeOperations ?? []).flatMap((id) => ['--exclude-operation-id', id]),
    ];
    const child = spawn(SCHEMATHESIS, args, {
      cwd: repoRoot,
      env: {
        ...process.env,
        FAAS_FUZZ_SIDE: target.side,
        FAAS_FUZZ_CALLBACK_URL: target.callbackUrl ?? '',
        FAAS_FUZZ_IMAGE: target.image ?? '',
        FAAS_FUZZ_MAX_REPLICAS: String(MAX_REPLICAS),
        FAAS_FUZZ_KEEP_A_REPLICA: target.keepAReplica ? '1' : '',
        COLUMNS: '120',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    let report: JsonReport;
    try {
      report = JSON.parse(readFileSync(reportPath, 'utf8')) as JsonReport;
    } catch {
      throw new Error(`schemathesis ended (exit ${exitCode}) without a report:\n${output.slice(-20_000)}`);
    }
    return {
      operations: report.operations.tested,
      testCases: report.test_cases.generated,
      failures: report.failures,
      accepted: report.filtered,
      errors: [...report.errors, ...(report.operations.errored > 0 ? ['operations errored'] : [])],
      exitCode,
      seconds: Math.round(report.running_time),
      output,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The failures part of the console output: each failure, its response and a curl to reproduce. */
function failuresSection(output: string): string {
  const start = output.search(/=+ (FAILURES|ERRORS) =+/);
  const end = output.search(/=+ (WARNINGS|SUMMARY) =+/);
  return (start >= 0 ? output.slice(start, end > start ? end : undefined) : output).slice(0, 30_000);
}

/** One line of totals, as e2e/README.md reports them. */
export function totals(side: string, report: FuzzReport): string {
  const failed = report.failures.reduce((n, f) => n + f.count, 0) + report.errors.length;
  const accepted = report.accepted > 0 ? ` (${report.accepted} accepted by hooks.py)` : '';
  return `schemathesis ${side}: ${report.operations} operations, ${report.testCases} test cases, ${failed} failures${accepted}, ${report.seconds} s (seed ${FUZZ_SEED})`;
}

/**
 * One test per side: schemathesis over every operation of that side finds no server error, no
 * hang (an answer within the config's request-timeout) and no response outside the document.
 */
export function describeSchemathesis(
  sides: FuzzTarget['side'][],
  target: (side: FuzzTarget['side']) => FuzzTarget,
): void {
  it.each(sides)(
    'schemathesis finds no server error, hang or undocumented response on the %s',
    async (side) => {
      const report = await runSchemathesis(target(side));
      process.stdout.write(`${totals(side, report)}\n`);
      if (report.exitCode !== 0 || report.failures.length > 0 || report.errors.length > 0) {
        throw new Error(
          `${totals(side, report)}, exit ${report.exitCode}\n${failuresSection(report.output)}`,
        );
      }
      expect(report.operations).toBeGreaterThan(10);
      expect(report.testCases).toBeGreaterThan(report.operations);
    },
    RUN_LIMIT_MS + 60_000,
  );
}
