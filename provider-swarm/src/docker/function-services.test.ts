import type Dockerode from 'dockerode';
import { FunctionServices } from './function-services.js';

describe('FunctionServices.find', () => {
  it.each(['déjà', 'a?b', '../../nodes', 'Upper', 'x'.repeat(64), ''])(
    'finds no function named %j, without a Docker call (the name would go into its path as is)',
    async (name) => {
      const asked: string[] = [];
      const docker = {
        getService: (id: string) => {
          asked.push(id);
          return { inspect: () => Promise.reject(new Error('unescaped characters')) };
        },
      } as unknown as Dockerode;
      await expect(new FunctionServices(docker).find(name)).resolves.toBeUndefined();
      expect(asked).toEqual([]);
    },
  );
});
