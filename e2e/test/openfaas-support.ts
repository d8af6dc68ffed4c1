// The real OpenFaaS clients the faas-cli and certifier suites drive: the binaries .ci/openfaas.sh
// builds into $FAAS_TOOLS/bin, as pinned in e2e/openfaas/ (tools.txt, go.mod).
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Component } from '@faas/e2e';

/** e2e/openfaas: the pins. */
const pins = fileURLToPath(new URL('../openfaas/', import.meta.url));

/** Where .ci/openfaas.sh installs the binaries. */
export const toolsBin = join(process.env.FAAS_TOOLS ?? '/var/cache/faas-tools', 'bin');

/** The faas-cli builds pinned in e2e/openfaas/tools.txt: binary name and release. */
export function pinnedFaasClis(): { binary: string; release: string }[] {
  return readFileSync(join(pins, 'tools.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name.startsWith('faas-cli-'))
    .map((binary) => ({ binary, release: binary.slice('faas-cli-'.length) }));
}

/** The certifier's pinned version in our wrapper module, or undefined while none is pinned. */
export function pinnedCertifier(): string | undefined {
  const goMod = readFileSync(join(pins, 'go.mod'), 'utf8');
  return /^\s*require\s+github\.com\/openfaas\/certifier\s+(\S+)/m.exec(goMod)?.[1];
}

/** A binary in $FAAS_TOOLS/bin as a component: missing is a failure under CI=true. */
export function tool(binary: string): Component & { path: string } {
  const path = join(toolsBin, binary);
  return {
    path,
    name: path,
    hint: 'bash .ci/openfaas.sh',
    available: () => {
      try {
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** What one run of a command printed and returned. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command args` with `env` over the test's environment; gives up (SIGKILL) after `ms`. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; stdin?: string; ms?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.ms ?? 120_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // A command that exits without reading its stdin must not fail the run with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
  });
}
