import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConformanceFunctions } from './types.js';

/** The fixtures directory (`src/conformance/fixtures`), from src/ (tests) or dist/src/ (built). */
function fixturesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here.replace(/([\\/])dist[\\/]src[\\/]conformance$/, '$1src$1conformance'), 'fixtures');
}

/**
 * Functions for a provider that runs processes on this host (the local provider): `env`, and two
 * small Node scripts shipped with the kit, run by this Node. Paths must not contain spaces
 * (`fprocess` is split on spaces).
 */
export function localFunctions(node: string = process.execPath): ConformanceFunctions {
  const fixture = (name: string): string => join(fixturesDir(), name);
  return {
    env: { image: 'local/env:conformance', envProcess: 'env' },
    secretReader: {
      image: 'local/read-secret:conformance',
      envProcess: `${node} ${fixture('read-secret.mjs')} {{secret}}`,
    },
    redirect: {
      image: 'local/redirect:conformance',
      envProcess: `${node} ${fixture('redirect-server.mjs')}`,
      envVars: { mode: 'http', upstream_url: 'http://127.0.0.1:{{port}}', REDIRECT_PORT: '{{port}}' },
      path: '/somewhere',
    },
  };
}

/**
 * Functions for container providers (Swarm, Kubernetes): one image holding busybox and a watchdog
 * as its entrypoint (e.g. an image built FROM scratch with busybox-static and fwatchdog). The
 * redirect is busybox httpd behind the watchdog in http mode: it answers `/etc` with 302 `/etc/`.
 */
export function containerFunctions(image: string): ConformanceFunctions {
  return {
    env: { image, envProcess: 'env' },
    secretReader: { image, envProcess: 'cat /var/openfaas/secrets/{{secret}}' },
    redirect: {
      image,
      envProcess: 'busybox httpd -f -p 127.0.0.1:{{port}} -h /',
      envVars: { mode: 'http', upstream_url: 'http://127.0.0.1:{{port}}' },
      path: '/etc',
    },
  };
}
