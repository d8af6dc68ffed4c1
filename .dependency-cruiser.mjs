// The second half of `npm run lint` (eslint.config.js is the first): import cycles, and imports
// that reach into another package by a relative path. Type-only imports count: a cycle through
// types still ties two modules together. The package list comes from scripts/layers.mjs.
import { packages } from './scripts/layers.mjs';

const names = packages.map((p) => p.name).join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'Modules import each other in a circle: move what both need into a module of its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-relative-import-across-packages',
      comment: 'A package imports another through its name (@faas/x), never by a relative path.',
      severity: 'error',
      from: { path: `^(${names})/`, pathNot: '^[^/]+/build\\.mjs$' },
      to: { dependencyTypes: ['local'], pathNot: '^$1/' },
    },
  ],
  options: {
    includeOnly: `^(${names}|bench|scripts)/`,
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      conditionNames: ['source', 'import', 'node', 'default'],
      exportsFields: ['exports'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.json'],
    },
    progress: { type: 'none' },
  },
};
