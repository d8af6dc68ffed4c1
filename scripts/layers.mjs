// The map of the repository, written once: every workspace package in its layer, the packages it
// may import, and the processes it calls over the network. eslint.config.js turns `uses` into
// import rules for every package; scripts/test/layers.test.ts checks each package.json and
// tsconfig.json against it and that README.md's picture is `renderPicture()`'s output.

const PROVIDERS = ['provider-local', 'provider-swarm', 'provider-kubernetes'];

/**
 * Layers, lowest first. A package may import only the packages in its `uses`, and each of those
 * must sit in a lower layer: imports point down, never sideways or up.
 * `testsOnly`: every file of the package is test code, so all its dependencies are devDependencies.
 * `uses` is also the package's tsconfig `references` (its build order); its package.json lists the
 * ones it imports.
 * `calls`: the processes it reaches at run time over HTTP (a provider also starts its watchdogs),
 * drawn as dashed arrows; the tests in e2e call everything and draw none.
 * @type {{ name: string, packages: { name: string, uses: string[], calls?: string[], testsOnly?: boolean }[] }[]}
 */
export const layers = [
  { name: 'contract', packages: [{ name: 'contracts', uses: [] }] },
  { name: 'shared runtime', packages: [{ name: 'service-kit', uses: ['contracts'] }] },
  {
    name: 'building blocks',
    packages: [
      { name: 'watchdog', uses: ['contracts', 'service-kit'] },
      { name: 'provider-http', uses: ['contracts', 'service-kit'] },
      { name: 'queue', uses: ['contracts', 'service-kit'] },
      { name: 'ui', uses: ['contracts'], calls: ['gateway'] },
    ],
  },
  {
    name: 'processes',
    packages: [
      {
        name: 'provider-local',
        uses: ['contracts', 'service-kit', 'provider-http', 'watchdog'],
        calls: ['watchdog'],
      },
      { name: 'provider-swarm', uses: ['contracts', 'service-kit', 'provider-http'], calls: ['watchdog'] },
      {
        name: 'provider-kubernetes',
        uses: ['contracts', 'service-kit', 'provider-http'],
        calls: ['watchdog'],
      },
      {
        name: 'gateway',
        uses: ['contracts', 'service-kit', 'queue', 'ui'],
        calls: PROVIDERS.concat('watchdog'),
      },
      { name: 'queue-worker', uses: ['contracts', 'service-kit', 'queue'], calls: ['gateway'] },
    ],
  },
  {
    name: 'assemblies and tools',
    packages: [
      {
        name: 'platform',
        uses: ['service-kit', 'gateway', 'provider-local', 'queue', 'queue-worker'],
      },
      { name: 'cli', uses: ['contracts'], calls: ['gateway'] },
      { name: 'deploy', uses: [] },
    ],
  },
  {
    name: 'tests',
    packages: [
      {
        name: 'e2e',
        testsOnly: true,
        uses: [
          'contracts',
          'service-kit',
          'watchdog',
          'gateway',
          'provider-local',
          'queue',
          'queue-worker',
          'platform',
        ],
      },
    ],
  },
];

/** Every package with its layer's index (0 = lowest), in layer order. */
export const packages = layers.flatMap((layer, level) =>
  layer.packages.map((p) => ({ ...p, calls: p.calls ?? [], layer: layer.name, level })),
);

/** The description's own consistency: known names, and `uses` only pointing down. */
export function layerProblems(list = packages) {
  const level = new Map(list.map((p) => [p.name, p.level]));
  const problems = [];
  if (level.size !== list.length) problems.push('a package is listed twice');
  for (const p of list) {
    for (const used of p.uses) {
      if (!level.has(used)) problems.push(`${p.name} uses ${used}, which is not in the layers`);
      else if (level.get(used) >= p.level)
        problems.push(`${p.name} uses ${used}, which is not in a lower layer`);
    }
    for (const called of p.calls) {
      if (!level.has(called)) problems.push(`${p.name} calls ${called}, which is not in the layers`);
    }
  }
  return problems;
}

const problems = layerProblems();
if (problems.length > 0) throw new Error(`scripts/layers.mjs: ${problems.join('; ')}`);

/**
 * The picture in README.md ("Layout"): a mermaid graph, one row per layer, solid arrows for
 * imports (transitive ones left out), dashed arrows for calls at run time.
 */
export function renderPicture(list = packages) {
  const id = (name) => name.replace(/-/g, '_');
  const reaches = (from, to, seen = new Set()) =>
    list
      .find((p) => p.name === from)
      .uses.some((u) => u === to || (!seen.has(u) && (seen.add(u), reaches(u, to, seen))));
  const lines = ['```mermaid', 'flowchart TB'];
  for (const level of [...new Set(list.map((p) => p.level))].reverse()) {
    const members = list.filter((p) => p.level === level);
    lines.push(`  subgraph L${level}["${members[0].layer}"]`);
    for (const p of members) lines.push(`    ${id(p.name)}["${p.name}"]`);
    lines.push('  end');
  }
  for (const p of list) {
    for (const used of p.uses) {
      const implied = p.uses.some((other) => other !== used && reaches(other, used));
      if (!implied) lines.push(`  ${id(p.name)} --> ${id(used)}`);
    }
  }
  for (const p of list)
    for (const called of p.calls) lines.push(`  ${id(p.name)} -. calls .-> ${id(called)}`);
  lines.push('```');
  return lines.join('\n');
}
