import { schemaProblems } from './kubernetes-schema.js';

const deployment = (container: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'x' },
  spec: {
    selector: { matchLabels: { a: 'b' } },
    template: { metadata: { labels: { a: 'b' } }, spec: { containers: [container] } },
  },
});

describe('the schema validator used by the manifest and mapping tests', () => {
  it('accepts a valid Deployment', async () => {
    expect(
      await schemaProblems(deployment({ name: 'a', image: 'b', ports: [{ containerPort: 8080 }] })),
    ).toEqual([]);
  });

  it.each([
    ['a misspelt field', { name: 'a', image: 'b', porrts: [] }, /porrts: unknown field in V1Container/],
    [
      'a wrong type',
      { name: 'a', image: 'b', ports: [{ containerPort: '8080' }] },
      /containerPort must be integer/,
    ],
    ['a missing required field', { image: 'b' }, /containers\/0 must have required property name/],
  ])('reports %s', async (_what, container, expected) => {
    const problems = await schemaProblems(deployment(container));
    expect(problems.join('\n')).toMatch(expected);
  });

  it('reports an unknown kind', async () => {
    expect(await schemaProblems({ apiVersion: 'apps/v1', kind: 'Deploymnt' })).toEqual([
      'apps/v1 Deploymnt: not a known Kubernetes kind',
    ]);
  });
});
