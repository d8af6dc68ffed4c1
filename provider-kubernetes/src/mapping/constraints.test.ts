import { FaasError } from '@faas/contracts';
import { constraintsToNodeSelector, nodeSelectorToConstraints, readPlacement } from './constraints.js';

describe('constraintsToNodeSelector', () => {
  it.each([
    [['disktype=ssd'], { disktype: 'ssd' }],
    [['node.kubernetes.io/instance-type == m5.large'], { 'node.kubernetes.io/instance-type': 'm5.large' }],
    [['a=1', 'b = 2'], { a: '1', b: '2' }],
    [[], {}],
  ])('turns %j into %j', (constraints, expected) => {
    expect(constraintsToNodeSelector(constraints)).toEqual(expected);
  });

  it.each([['disktype != ssd'], ['just-a-word'], ['a=b=c']])('refuses %j with a 400 that names it', (bad) => {
    let error: unknown;
    try {
      constraintsToNodeSelector([bad]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FaasError);
    expect((error as FaasError).status).toBe(400);
    expect((error as FaasError).message).toContain(JSON.stringify(bad));
  });

  // Stack files written for Swarm: faas-cli passes them as they are.
  it.each([
    [['node.labels.disktype==ssd'], { disktype: 'ssd' }],
    [['node.labels.topology.kubernetes.io/zone == a'], { 'topology.kubernetes.io/zone': 'a' }],
    [['node.hostname==vm'], { 'kubernetes.io/hostname': 'vm' }],
    [['node.platform.os==linux'], { 'kubernetes.io/os': 'linux' }],
    [['node.platform.arch==x86_64'], { 'kubernetes.io/arch': 'amd64' }],
    [['node.platform.arch == aarch64'], { 'kubernetes.io/arch': 'arm64' }],
    [['node.platform.arch==arm64'], { 'kubernetes.io/arch': 'arm64' }],
  ])('translates the Swarm constraint %j to the node label %j', (constraints, expected) => {
    expect(readPlacement(constraints)).toEqual({ nodeSelector: expected, ignored: [] });
  });

  it.each([
    'node.role==manager',
    'node.role == worker',
    'node.role != manager',
    'node.id==2ivku8v2gvtg4',
    'engine.labels.operatingsystem==ubuntu',
    'node.labels.disktype!=hdd',
    'node.hostname!=vm',
  ])('ignores the Swarm constraint %j (no node label means it) and reports it', (constraint) => {
    expect(readPlacement([constraint, 'disktype=ssd'])).toEqual({
      nodeSelector: { disktype: 'ssd' },
      ignored: [constraint],
    });
  });

  it('keeps a Kubernetes label that merely starts with node. (not a Swarm attribute)', () => {
    expect(constraintsToNodeSelector(['node.role.example.com/gpu=yes'])).toEqual({
      'node.role.example.com/gpu': 'yes',
    });
  });

  it('writes a nodeSelector back as key=value constraints', () => {
    expect(nodeSelectorToConstraints({ disktype: 'ssd', zone: 'a' })).toEqual(['disktype=ssd', 'zone=a']);
    expect(nodeSelectorToConstraints(undefined)).toEqual([]);
  });
});
