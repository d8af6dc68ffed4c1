// The real faas-cli (every release pinned in e2e/openfaas/tools.txt) against the Swarm stack
// (deploy/swarm/up.sh --offline), deployed once for all releases. Functions run from
// faas/watchdog:latest, whose offline base has busybox's env, cat and sh.
import { components } from '@faas/e2e';
import { describeFaasCli } from './faas-cli-cases.js';
import { pinnedFaasClis } from './openfaas-support.js';
import { hostAddressForContainers } from './swarm-async.js';
import { downStack, upStackForAdmin } from './swarm-support.js';

let stack: Promise<{ url: string; password: string }> | undefined;
let remaining = pinnedFaasClis().length;

describeFaasCli({
  orchestration: 'swarm',
  needs: [components.docker, components.swarm],
  image: 'faas/watchdog:latest',
  catSecret: (name) => `cat /var/openfaas/secrets/${name}`,
  callbackHost: hostAddressForContainers,
  start: () => (stack ??= upStackForAdmin()),
  async stop() {
    if (--remaining === 0 && stack) await downStack();
  },
});
