import { FaasError, parseFunctionDeployment } from '@faas/contracts';
import { formFieldOf, parseFieldProblems, subFieldOf } from './field-problems.js';

function apiMessage(body: unknown): FaasError {
  try {
    parseFunctionDeployment(body);
  } catch (err) {
    if (err instanceof FaasError) return err;
  }
  throw new Error('expected a validation error');
}

describe('reading the API validation line back into field problems', () => {
  it('gives back exactly the problems the API listed, for every kind of field', () => {
    const error = apiMessage({
      service: 'Echo!',
      image: '',
      envVars: { '1X': 'y' },
      labels: { ok: 'bad value!' },
      secrets: ['Bad_Name'],
      limits: { memory: 'lots', cpu: 'fast' },
    });
    expect(error.problems.length).toBeGreaterThanOrEqual(6);
    expect(parseFieldProblems(error.message, 'function deployment')).toEqual(error.problems);
  });

  it('keeps a "; " that is inside a message', () => {
    expect(
      parseFieldProblems(
        'invalid function deployment: envVars.A: value "x; y" is odd; image: required',
        'function deployment',
      ),
    ).toEqual([
      { field: 'envVars.A', message: 'value "x; y" is odd' },
      { field: 'image', message: 'required' },
    ]);
  });

  it.each([
    'Function echo already exists in openfaas-fn; use PUT to update it.',
    'invalid function deployment: body must be a JSON object',
    'invalid secret: name: required',
  ])('finds no field problems in %j', (body) => {
    expect(parseFieldProblems(body, 'function deployment')).toEqual([]);
  });

  it.each([
    ['service', 'service', undefined],
    ['limits.memory', 'limits.memory', undefined],
    ['requests.cpu', 'requests.cpu', undefined],
    ['limits', 'limits', undefined],
    ['envVars.1X', 'envVars', '1X'],
    ['labels.a.b/c', 'labels', 'a.b/c'],
    ['secrets[2]', 'secrets', '[2]'],
  ])('puts %s next to the %s field (detail %s)', (field, top, sub) => {
    expect(formFieldOf(field)).toBe(top);
    expect(subFieldOf(field)).toBe(sub);
  });
});
