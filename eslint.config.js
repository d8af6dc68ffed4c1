// Lint: typescript-eslint's recommended rules, plus the two rules of the layout (docs/STYLE):
// dependencies point one way, and no console.* outside a process's main.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Packages a package must not import, so the dependency graph stays one-directional. */
const forbidden = {
  contracts: ['@faas/*'],
  watchdog: ['@faas/gateway', '@faas/provider-*'],
  'provider-http': [
    '@faas/gateway',
    '@faas/provider-local',
    '@faas/provider-swarm',
    '@faas/provider-kubernetes',
  ],
  'provider-local': ['@faas/gateway', '@faas/provider-swarm', '@faas/provider-kubernetes'],
  'provider-swarm': ['@faas/gateway', '@faas/provider-local', '@faas/provider-kubernetes'],
  'provider-kubernetes': ['@faas/gateway', '@faas/provider-local', '@faas/provider-swarm'],
  gateway: ['@faas/provider-*', '@faas/watchdog', '@faas/platform'],
};

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
  ...Object.entries(forbidden).map(([pkg, patterns]) => ({
    files: [`${pkg}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: patterns, message: `${pkg} must not depend on this package (README, Layout).` },
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
