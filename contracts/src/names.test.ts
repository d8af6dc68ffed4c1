import {
  splitFunctionName,
  qualifiedName,
  resolveNamespace,
  isValidFunctionName,
  DEFAULT_FUNCTION_NAMESPACE,
} from './names.js';

describe('splitFunctionName', () => {
  it.each([
    ['figlet', { name: 'figlet' }],
    ['figlet.openfaas-fn', { name: 'figlet', namespace: 'openfaas-fn' }],
    ['a.b.c', { name: 'a.b', namespace: 'c' }],
    ['.hidden', { name: '.hidden' }],
    ['trailing.', { name: 'trailing.' }],
  ])('splits %s at the last dot', (input, expected) => {
    expect(splitFunctionName(input)).toEqual(expected);
  });
});

describe('resolveNamespace', () => {
  it.each([
    ['q', 'b', 'q'],
    [undefined, 'b', 'b'],
    ['', 'b', 'b'],
    [undefined, undefined, DEFAULT_FUNCTION_NAMESPACE],
  ])('query %j over body %j gives %s', (query, body, expected) => {
    expect(resolveNamespace(query, body)).toBe(expected);
  });
});

describe('function names', () => {
  it('joins name and namespace for metrics', () => {
    expect(qualifiedName('cat', 'openfaas-fn')).toBe('cat.openfaas-fn');
  });

  it.each([
    ['cat', true],
    ['a', true],
    ['my-fn-2', true],
    ['x'.repeat(63), true],
    ['x'.repeat(64), false],
    ['Cat', false],
    ['-cat', false],
    ['cat-', false],
    ['ca_t', false],
    ['', false],
  ])('%j valid: %s', (name, valid) => {
    expect(isValidFunctionName(name)).toBe(valid);
  });
});
