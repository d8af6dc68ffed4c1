import { parseFunctionDeployment } from '@faas/contracts';
import { toDeployment } from './to-deployment.js';

describe('toDeployment', () => {
  it('maps every stack field to its FunctionDeployment name (cli/README.md, Stack files)', () => {
    const deployment = toDeployment(
      {
        name: 'hello',
        lang: 'node',
        handler: './hello',
        image: 'hello:latest',
        fprocess: 'node index.js',
        namespace: 'team-a',
        environment: { A: '1' },
        labels: { 'com.openfaas.scale.min': '2' },
        annotations: { topic: 'orders' },
        secrets: ['api-key'],
        constraints: ['node.platform.os == linux'],
        limits: { memory: '128Mi', cpu: '500m' },
        requests: { memory: '64Mi' },
        readOnlyRootFilesystem: true,
        buildArgs: { X: 'y' },
        skipBuild: false,
        line: 3,
      },
      { network: 'functions' },
    );
    expect(deployment).toEqual({
      service: 'hello',
      image: 'hello:latest',
      namespace: 'team-a',
      envProcess: 'node index.js',
      envVars: { A: '1' },
      labels: { 'com.openfaas.scale.min': '2' },
      annotations: { topic: 'orders' },
      secrets: ['api-key'],
      constraints: ['node.platform.os == linux'],
      limits: { memory: '128Mi', cpu: '500m' },
      requests: { memory: '64Mi' },
      readOnlyRootFilesystem: true,
      network: 'functions',
    });
    expect(parseFunctionDeployment(deployment)).toEqual(deployment);
  });

  it('leaves out empty maps, lists and resources so a status reads back without {}', () => {
    const deployment = toDeployment({
      name: 'cat',
      image: 'cat',
      environment: {},
      labels: {},
      secrets: [],
      limits: {},
      line: 1,
    });
    expect(deployment).toEqual({ service: 'cat', image: 'cat' });
    expect(Object.keys(deployment)).toEqual(['service', 'image']);
  });
});
