import { rules } from '@faas/contracts';
import type { FunctionStatus } from '@faas/contracts';
import { checkDeployment, checkValues, emptyValues, valuesFromStatus } from './deploy-values.js';

describe('the deploy form', () => {
  it('builds the deployment the API expects from the fields', () => {
    const checked = checkValues({
      ...emptyValues(),
      service: ' echo ',
      image: 'faas/cat',
      envProcess: 'cat',
      envVars: 'A=1\n\n# comment\nB = two words ',
      labels: 'com.openfaas.scale.min=2',
      secrets: ['api-key'],
      'limits.memory': '128Mi',
      'requests.cpu': '100m',
    });
    expect(checked).toEqual({
      ok: true,
      deployment: {
        service: 'echo',
        image: 'faas/cat',
        envProcess: 'cat',
        envVars: { A: '1', B: 'two words' },
        labels: { 'com.openfaas.scale.min': '2' },
        secrets: ['api-key'],
        limits: { memory: '128Mi' },
        requests: { cpu: '100m' },
      },
    });
  });

  it('reports the API rule messages, word for word, against the form field names', () => {
    const checked = checkValues({
      ...emptyValues(),
      service: 'Echo',
      'limits.memory': 'lots',
      envVars: '1X=y',
    });
    expect(checked).toEqual({
      ok: false,
      problems: [
        { field: 'service', message: rules.functionName.message },
        { field: 'image', message: 'required' },
        { field: 'envVars.1X', message: `key ${rules.envVarName.message}` },
        { field: 'limits.memory', message: `"lots" ${rules.memory.message}` },
      ],
    });
  });

  it('names the line of a map field that is not KEY=value', () => {
    const checked = checkValues({ ...emptyValues(), service: 'a', image: 'b', labels: 'ok=1\njust-a-word' });
    expect(checked).toEqual({
      ok: false,
      problems: [{ field: 'labels', message: 'line 2: write KEY=value' }],
    });
  });

  it('says what is wrong with pasted JSON that is not an object', () => {
    expect(checkDeployment([1])).toEqual({
      ok: false,
      problems: [{ field: '', message: 'invalid function deployment: body must be a JSON object' }],
    });
  });

  it('fills the form from a deployed function, without the label the provider adds', () => {
    const status: FunctionStatus = {
      name: 'echo',
      image: 'faas/cat',
      namespace: 'openfaas-fn',
      envProcess: 'cat',
      envVars: { A: '1' },
      labels: { faas_function: 'echo', team: 'web' },
      readOnlyRootFilesystem: true,
      replicas: 1,
      availableReplicas: 1,
      invocationCount: 0,
      createdAt: '2026-01-01T00:00:00Z',
      limits: { memory: '5Mi' },
    };
    const values = valuesFromStatus(status);
    expect(values).toMatchObject({
      envVars: 'A=1',
      labels: 'team=web',
      'limits.memory': '5Mi',
      readOnlyRootFilesystem: true,
    });
    expect(checkValues(values)).toEqual({
      ok: true,
      deployment: {
        service: 'echo',
        image: 'faas/cat',
        namespace: 'openfaas-fn',
        envProcess: 'cat',
        envVars: { A: '1' },
        labels: { team: 'web' },
        limits: { memory: '5Mi' },
        readOnlyRootFilesystem: true,
      },
    });
  });
});
