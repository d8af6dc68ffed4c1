// scripts/build.mjs, the build `npm start` runs first: progress a person can follow on a fresh
// clone, one line when nothing changed, the compiler's errors and its exit code on failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProgress } from '../build-progress.mjs';

const script = fileURLToPath(new URL('../build.mjs', import.meta.url));

describe('createProgress', () => {
  it('numbers the projects tsc compiles, drops its chatter and passes diagnostics through', () => {
    const said: string[] = [];
    const passed: string[] = [];
    const progress = createProgress({
      say: (l: string) => said.push(l),
      pass: (l: string) => passed.push(l),
      root: '/r',
    });
    for (const line of [
      '4:46:54 PM - Projects in this build: ',
      '    * contracts/tsconfig.json',
      '    * watchdog/src/bun/tsconfig.json',
      '    * gateway/tsconfig.json',
      '    * tsconfig.json',
      '',
      "4:46:54 PM - Project 'contracts/tsconfig.json' is up to date because newest input 'a.ts' is older than output 'b'",
      "[\u001b[90m16:46:54\u001b[0m] Project 'watchdog/src/bun/tsconfig.json' is out of date because output 'x' does not exist",
      "[\u001b[90m16:46:54\u001b[0m] Building project '/r/watchdog/src/bun/tsconfig.json'...",
      "4:46:55 PM - Building project '/r/gateway/tsconfig.json'...",
      "gateway/src/a.ts(4,14): error TS2322: Type 'string' is not assignable to type 'number'.",
    ])
      progress.onLine(line);
    expect(said).toEqual([
      'compiling TypeScript: 3 projects, only what changed since the last build (a fresh clone takes a minute or two)',
      '[2/3] watchdog/src/bun',
      '[3/3] gateway',
    ]);
    expect(passed).toEqual([
      "gateway/src/a.ts(4,14): error TS2322: Type 'string' is not assignable to type 'number'.",
    ]);
    expect(progress.summary()).toEqual({ projects: 3, compiled: 2 });
  });
});

describe('scripts/build.mjs', () => {
  /** Two composite projects, b using a, as the repository's are. */
  function workspace(): string {
    const dir = mkdtempSync(join(tmpdir(), 'faas-build-'));
    const project = (name: string, source: string, references: string[] = []) => {
      mkdirSync(join(dir, name, 'src'), { recursive: true });
      writeFileSync(join(dir, name, 'src', 'index.ts'), source);
      writeFileSync(
        join(dir, name, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            composite: true,
            module: 'nodenext',
            target: 'es2022',
            rootDir: 'src',
            outDir: 'dist',
          },
          include: ['src'],
          references: references.map((path) => ({ path: `../${path}` })),
        }),
      );
    };
    project('a', 'export const a: number = 1;\n');
    project('b', "import { a } from '../../a/dist/index.js';\nexport const b: number = a + 1;\n", ['a']);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ files: [], references: [{ path: 'a' }, { path: 'b' }] }),
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', private: true, type: 'module' }));
    return dir;
  }
  const build = (dir: string) => spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });

  it('says what it compiles and how far, one line when nothing changed, the errors and exit code on failure', () => {
    const dir = workspace();
    const first = build(dir);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(
      /^build: compiling TypeScript: 2 projects, .*\nbuild: \[1\/2\] a\nbuild: \[2\/2\] b\nbuild: done in \d+\.\d s: 2 of 2 TypeScript projects compiled\n$/,
    );
    const again = build(dir);
    expect(again).toMatchObject({ status: 0, stdout: '' });
    expect(again.stderr).toMatch(/^build: up to date in \d+\.\d s \(2 TypeScript projects unchanged\)\n$/);

    writeFileSync(join(dir, 'b', 'src', 'index.ts'), "export const b: number = 'two';\n");
    const failed = build(dir);
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).toContain("error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(failed.stderr).toMatch(
      /build: \[2\/2\] b\nbuild: TypeScript failed after \d+\.\d s \(the errors are above\)\n$/,
    );
  }, 120_000);
});
