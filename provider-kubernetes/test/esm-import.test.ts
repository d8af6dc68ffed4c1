// Proof for the module-format decision (README, "Development"): both packages ship ES modules
// only in their current majors, and this repository's Jest setup (native ESM through
// --experimental-vm-modules, ts-jest transpiling) imports them without a transform of node_modules.
import { KubeConfig, CoreV1Api } from '@kubernetes/client-node';
import { Container, injectable, inject } from 'inversify';

describe('ES-module-only dependencies under Jest', () => {
  it('imports @kubernetes/client-node and builds an API client from a config', () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', skipTLSVerify: true }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    const api = kc.makeApiClient(CoreV1Api);
    expect(api).toBeInstanceOf(CoreV1Api);
    expect(kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
  });

  it('imports inversify and resolves a constructor-injected singleton', () => {
    const Greeting = Symbol('Greeting');
    @injectable()
    class Greeter {
      constructor(@inject(Greeting) readonly greeting: string) {}
    }
    const container = new Container();
    container.bind(Greeting).toConstantValue('hello');
    container.bind(Greeter).toSelf().inSingletonScope();
    const greeter = container.get(Greeter);
    expect(greeter.greeting).toBe('hello');
    expect(container.get(Greeter)).toBe(greeter);
  });
});
