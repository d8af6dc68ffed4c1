// The map (scripts/layers.mjs) against the repository: every workspace is on it, each package.json
// declares exactly the packages its code imports, each tsconfig references the package's `uses`,
// README.md shows the picture the map renders, and `npm run lint` fails on an import that crosses
// the layers and on an import cycle.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { layerProblems, packages, renderPicture } from '../layers.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
const rootManifest = readJson('package.json') as Manifest & {
  workspaces: string[];
  scripts: Record<string, string>;
};

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** Declared packages no file imports by name, each with the reason it stays. */
const IMPORTED_OUT_OF_SIGHT: Record<string, Record<string, string>> = {
  contracts: {
    '@apidevtools/swagger-parser': 'imported by a script test/openapi.test.ts runs in a child Node process',
  },
};

type Kind = 'value' | 'type' | 'dynamic';

/** The packages a file imports by name (node builtins and Bun's left out), and how. */
export function importsOf(file: string, text: string): { name: string; kind: Kind }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found: { specifier: string; kind: Kind }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            named !== undefined &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, kind: typeOnly ? 'type' : 'value' });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const clause = node.exportClause;
      const typeOnly =
        node.isTypeOnly ||
        (clause !== undefined && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly));
      found.push({ specifier: node.moduleSpecifier.text, kind: typeOnly ? 'type' : 'value' });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, kind: 'dynamic' });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, kind: 'type' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const builtins = new Set(builtinModules);
  return found
    .filter(
      ({ specifier: s }) =>
        !/^[./]/.test(s) && !s.startsWith('node:') && !builtins.has(s) && !/^bun(:|$)/.test(s),
    )
    .map(({ specifier: s, kind }) => ({
      name: s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/'),
      kind,
    }));
}

/**
 * What is wrong with a package's dependency lists, given its files' texts. Code that ships (under
 * src/, not a test) imports its values only from `dependencies`; tests, build scripts, types and
 * `import()` on demand may also use devDependencies, its own or the root's; every dependency is
 * imported by shipped code, every devDependency by some file.
 */
export function dependencyProblems(
  pkg: { name: string; testsOnly?: boolean },
  manifest: Manifest,
  files: { path: string; text: string }[],
  rootDev: string[],
  outOfSight: Record<string, string> = {},
): string[] {
  const deps = Object.keys(manifest.dependencies ?? {});
  const dev = Object.keys(manifest.devDependencies ?? {});
  const problems: string[] = [];
  const shippedUse = new Set<string>();
  const anyUse = new Set<string>(Object.keys(outOfSight));
  for (const { path, text } of files) {
    const shipped =
      !pkg.testsOnly && path.startsWith(`${pkg.name}/src/`) && !/\.test\.ts$|\/test\//.test(path);
    for (const { name, kind } of importsOf(path, text)) {
      if (name === manifest.name) continue;
      anyUse.add(name);
      if (shipped && kind !== 'type') shippedUse.add(name);
      if (shipped && kind === 'value' && !deps.includes(name)) {
        problems.push(
          `${path} imports ${name} when it runs: list it in ${pkg.name}/package.json "dependencies"`,
        );
      } else if (!deps.includes(name) && !dev.includes(name) && !rootDev.includes(name)) {
        problems.push(
          `${path} imports ${name}, which neither ${pkg.name}/package.json nor the root's devDependencies list`,
        );
      }
    }
  }
  for (const name of deps) {
    if (pkg.testsOnly) problems.push(`${pkg.name} is test code: ${name} belongs in "devDependencies"`);
    else if (!shippedUse.has(name) && !(name in outOfSight)) {
      problems.push(
        `${pkg.name} lists ${name} in "dependencies" but no code under src/ imports it when it runs`,
      );
    }
  }
  for (const name of dev) {
    if (!anyUse.has(name))
      problems.push(`${pkg.name} lists ${name} in "devDependencies" but no file imports it`);
  }
  return [...new Set(problems)];
}

const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n');
/** Folders of packages nested inside a workspace (cli's templates): not that workspace's code. */
const nested = tracked.filter((f) => /^[^/]+\/.+\/package\.json$/.test(f)).map((f) => dirname(f) + '/');

function filesOf(name: string): { path: string; text: string }[] {
  return tracked
    .filter(
      (f) =>
        f.startsWith(`${name}/`) && /\.(ts|mts|js|mjs|cjs)$/.test(f) && !nested.some((n) => f.startsWith(n)),
    )
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

describe('the map of the packages (scripts/layers.mjs)', () => {
  it('holds every workspace, once, each using only packages of lower layers', () => {
    expect(packages.map((p) => p.name).sort()).toEqual([...rootManifest.workspaces].sort());
    expect(layerProblems()).toEqual([]);
    const upward = packages.map((p) => (p.name === 'contracts' ? { ...p, uses: ['gateway'] } : p));
    expect(layerProblems(upward)).toEqual(['contracts uses gateway, which is not in a lower layer']);
  });

  it.each(packages.map((p) => [p.name, p] as const))(
    '%s: package.json declares what its code imports, nothing more',
    (name, pkg) => {
      const manifest = readJson(`${name}/package.json`) as Manifest;
      const rootDev = Object.keys(rootManifest.devDependencies ?? {});
      expect(dependencyProblems(pkg, manifest, filesOf(name), rootDev, IMPORTED_OUT_OF_SIGHT[name])).toEqual(
        [],
      );
      const workspaceDeps = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
        .filter((d) => d.startsWith('@faas/'))
        .map((d) => d.slice('@faas/'.length));
      expect(workspaceDeps.filter((d) => !pkg.uses.includes(d))).toEqual([]);
    },
  );

  it('finds a missing, a misplaced and an unused dependency', () => {
    const files = [
      {
        path: 'p/src/a.ts',
        text: "import x from 'left-pad';\nimport type { T } from 'typed';\nexport const y = x;",
      },
      { path: 'p/src/b.ts', text: "import 'side-effect';\nexport const z = () => import('on-demand');" },
      {
        path: 'p/test/a.test.ts',
        text: "import supertest from 'supertest';\nimport 'undeclared';\nexport { supertest };",
      },
    ];
    const manifest = {
      name: '@faas/p',
      dependencies: { unused: '1' },
      devDependencies: { 'left-pad': '1', 'on-demand': '1', typed: '1' },
    };
    expect(dependencyProblems({ name: 'p' }, manifest, files, ['supertest'])).toEqual([
      'p/src/a.ts imports left-pad when it runs: list it in p/package.json "dependencies"',
      'p/src/b.ts imports side-effect when it runs: list it in p/package.json "dependencies"',
      "p/test/a.test.ts imports undeclared, which neither p/package.json nor the root's devDependencies list",
      'p lists unused in "dependencies" but no code under src/ imports it when it runs',
    ]);
    expect(
      dependencyProblems(
        { name: 'p', testsOnly: true },
        { name: '@faas/p', dependencies: { supertest: '1' } },
        files.slice(2),
        ['undeclared'],
      ),
    ).toEqual(['p is test code: supertest belongs in "devDependencies"']);
  });

  it.each(packages.map((p) => [p.name, p] as const))(
    "%s: tsconfig.json references exactly the package's uses",
    (name, pkg) => {
      const config = readJson(`${name}/tsconfig.json`) as { references?: { path: string }[] };
      const references = (config.references ?? []).map((r) => r.path).filter((p) => p.startsWith('../'));
      expect(references.map((p) => p.slice(3)).sort()).toEqual([...pkg.uses].sort());
    },
  );

  it("README.md's picture is the map's", () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(renderPicture());
  });
});

describe('npm run lint', () => {
  it('runs ESLint and the cycle check', () => {
    expect(rootManifest.scripts.lint).toBe(
      'eslint . && depcruise --config .dependency-cruiser.mjs --output-type err .',
    );
  });

  it('refuses in every package an import of a workspace package outside its uses, and nothing else', () => {
    // One ESLint process lints a one-line probe as a file of each package, importing each other package.
    const probe = `
      import { ESLint } from 'eslint';
      const names = ${JSON.stringify(packages.map((p) => p.name))};
      const eslint = new ESLint({ cwd: ${JSON.stringify(root)} });
      const refused = [];
      for (const from of names) for (const to of names) {
        if (from === to) continue;
        const [result] = await eslint.lintText("export * from '@faas/" + to + "';\\n", { filePath: from + '/src/layer-probe.ts' });
        if (result.messages.some((m) => m.ruleId === 'no-restricted-imports')) refused.push(from + ' -> ' + to);
      }
      console.log(JSON.stringify(refused));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const refused = new Set(JSON.parse(run.stdout) as string[]);
    for (const from of packages) {
      for (const to of packages) {
        if (from.name === to.name) continue;
        expect({
          edge: `${from.name} -> ${to.name}`,
          refused: refused.has(`${from.name} -> ${to.name}`),
        }).toEqual({
          edge: `${from.name} -> ${to.name}`,
          refused: !from.uses.includes(to.name),
        });
      }
    }
  }, 120_000);

  it('fails on an import cycle (type-only imports too) and on a relative import into another package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-cycle-'));
    const write = (file: string, text: string) => {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    };
    try {
      write('queue/src/a.ts', "import type { B } from './b.js';\nexport interface A { b?: B }\n");
      write('queue/src/b.ts', "import type { A } from './a.js';\nexport interface B { a?: A }\n");
      write('queue/src/c.ts', 'export const c = 1;\n');
      write('gateway/src/d.ts', "export { c } from '../../queue/src/c.js';\n");
      const check = (files: string[]) =>
        spawnSync(
          join(root, 'node_modules/.bin/depcruise'),
          ['--config', join(root, '.dependency-cruiser.mjs'), '--output-type', 'err', ...files],
          {
            cwd: dir,
            encoding: 'utf8',
          },
        );
      const failed = check(['queue', 'gateway']);
      expect(failed.status).not.toBe(0);
      expect(failed.stdout).toMatch(/error no-cycle: queue\/src\/(a|b)\.ts/);
      expect(failed.stdout).toMatch(
        /error no-relative-import-across-packages: gateway\/src\/d\.ts → queue\/src\/c\.ts/,
      );
      const clean = check(['queue/src/c.ts']);
      expect({ status: clean.status, out: clean.stdout }).toEqual({
        status: 0,
        out: expect.stringContaining('no dependency violations'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('READMEs that list a folder', () => {
  it('e2e/README.md names every e2e suite (`ui-*` stands for every ui- file)', () => {
    const readme = readFileSync(join(root, 'e2e/README.md'), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| `'));
    const named = rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
    const suites = tracked
      .filter((f) => /^e2e\/test\/[^/]+\.test\.ts$/.test(f))
      .map((f) => f.slice('e2e/test/'.length, -'.test.ts'.length));
    const unnamed = suites.filter(
      (s) => !named.some((n) => n === s || (n.endsWith('*') && s.startsWith(n.slice(0, -1)))),
    );
    expect(unnamed).toEqual([]);
  });

  it('deploy/README.md names every folder of deploy/', () => {
    const readme = readFileSync(join(root, 'deploy/README.md'), 'utf8');
    const folders = new Set(tracked.filter((f) => /^deploy\/[^/]+\//.test(f)).map((f) => f.split('/')[1]!));
    expect([...folders].filter((d) => !readme.includes(`| \`${d}/\``))).toEqual([]);
  });
});
