// Lint: typescript-eslint's recommended rules, plus the two rules of the layout (docs/STYLE):
// a package imports only the packages its entry in scripts/layers.mjs lists (so imports point
// down the layers), and no console.* outside a process's main.ts. Import cycles are the other half
// of `npm run lint`: dependency-cruiser, .dependency-cruiser.mjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { packages } from './scripts/layers.mjs';

/**
 * For each workspace package, the @faas packages it must not import: every one not in its `uses`
 * in scripts/layers.mjs, the one description of the layers (README, "Layout").
 */
const forbidden = Object.fromEntries(
  packages.map((p) => [
    p.name,
    packages.filter((o) => o.name !== p.name && !p.uses.includes(o.name)).map((o) => o.name),
  ]),
);

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '**/*.tsbuildinfo'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.type='MetaProperty'][property.name=/^(dirname|filename)$/]",
          message:
            "Jest 29's ESM runtime has no import.meta.dirname/filename; use fileURLToPath(new URL('.', import.meta.url)).",
        },
      ],
    },
  },
  ...Object.entries(forbidden).map(([pkg, names]) => ({
    files: [`${pkg}/**/*.{ts,mts,js,mjs}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: names.flatMap((name) => [`@faas/${name}`, `@faas/${name}/*`]),
              message: `${pkg} must not import this package: its layer and \`uses\` are in scripts/layers.mjs (README, "Layout").`,
            },
          ],
        },
      ],
    },
  })),
  { files: ['*.js'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['**/main.ts', '**/bin/**', 'bench/**', '**/*.test.ts', 'e2e/**', '**/scripts/**', '*.js'],
    rules: { 'no-console': 'off' },
  },
);
