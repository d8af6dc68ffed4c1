// The OpenFaaS certifier against the Swarm stack (deploy/swarm/up.sh --offline), with the images
// it deploys by name made from ours (e2e/openfaas/certifier-images.sh).
import { components } from '@faas/e2e';
import { describeCertifier } from './certifier-support.js';
import { downStack, run, upStackForAdmin } from './swarm-support.js';

describeCertifier({
  name: 'the Swarm stack',
  needs: [components.docker, components.swarm],
  skips: {},
  async start() {
    const admin = await upStackForAdmin();
    await run('sh', ['e2e/openfaas/certifier-images.sh']);
    return admin;
  },
  stop: async () => void (await downStack()),
});
