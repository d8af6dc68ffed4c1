import { FaasError } from '@faas/contracts';
import { constraintsToNodeSelector, nodeSelectorToConstraints } from './constraints.js';

describe('constraintsToNodeSelector', () => {
  it.each([
    [['disktype=ssd'], { disktype: 'ssd' }],
    [['node.kubernetes.io/instance-type == m5.large'], { 'node.kubernetes.io/instance-type': 'm5.large' }],
    [['a=1', 'b = 2'], { a: '1', b: '2' }],
    [[], {}],
  ])('turns %j into %j', (constraints, expected) => {
    expect(constraintsToNodeSelector(constraints)).toEqual(expected);
  });

  it.each([['node.role != manager'], ['just-a-word'], ['a=b=c']])(
    'refuses %j with a 400 that names it',
    (bad) => {
      let error: unknown;
      try {
        constraintsToNodeSelector([bad]);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(FaasError);
      expect((error as FaasError).status).toBe(400);
      expect((error as FaasError).message).toContain(JSON.stringify(bad));
    },
  );

  it('writes a nodeSelector back as key=value constraints', () => {
    expect(nodeSelectorToConstraints({ disktype: 'ssd', zone: 'a' })).toEqual(['disktype=ssd', 'zone=a']);
    expect(nodeSelectorToConstraints(undefined)).toEqual([]);
  });
});
