// Swarm secrets are immutable, so a secret's value lives in versions: Swarm secret `<name>_<n>`,
// labelled `openfaas=true`, `com.faas.secret.name=<name>`, `com.faas.secret.version=<n>`. `_` is
// not allowed in our secret names (DNS-1123), so the Swarm name never collides across secrets.
import type Dockerode from 'dockerode';
import { FaasError } from '@faas/contracts';
import { translateDockerError } from './docker-errors.js';
import { secretLabels } from '../mapping/labels.js';
import type { SecretVersionRef } from '../mapping/service-spec.js';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';

/** Swarm refuses secret names longer than this. */
const SWARM_NAME_MAX = 64;

/** One version of a secret. */
export interface SecretVersion extends SecretVersionRef {
  /** The caller-facing name. */
  name: string;
  /** 1 and up. */
  version: number;
}

/** The Swarm name of a secret's version. */
export function swarmSecretName(name: string, version: number): string {
  return `${name}_${version}`;
}

/** Refuses names whose versions Swarm could not store (it allows 64 characters). */
export function checkSecretNameLength(name: string): void {
  if (swarmSecretName(name, 999_999).length > SWARM_NAME_MAX) {
    throw new FaasError(
      'INVALID_REQUEST',
      `invalid secret: name: Docker Swarm allows at most ${SWARM_NAME_MAX - 7} characters here`,
      [{ field: 'name', message: `at most ${SWARM_NAME_MAX - 7} characters on Docker Swarm` }],
    );
  }
}

/** Reads the versions of our secrets. */
@injectable()
export class SecretVersions {
  constructor(@inject(tokens.Docker) private readonly docker: Dockerode) {}

  /** Every version of every secret we own, or of one secret. */
  async list(name?: string): Promise<SecretVersion[]> {
    const label = [`${secretLabels.owner}=true`];
    if (name) label.push(`${secretLabels.name}=${name}`);
    let secrets: Dockerode.Secret[];
    try {
      secrets = (await this.docker.listSecrets({ filters: { label } })) as Dockerode.Secret[];
    } catch (err) {
      throw translateDockerError(err, 'list secrets');
    }
    return secrets.flatMap((s) => {
      const labels = s.Spec?.Labels ?? {};
      const secretName = labels[secretLabels.name];
      const version = Number(labels[secretLabels.version]);
      if (!secretName || !Number.isInteger(version)) return [];
      return [{ id: s.ID, swarmName: s.Spec?.Name ?? '', name: secretName, version }];
    });
  }

  /** The newest version of each named secret; INVALID_REQUEST naming any that do not exist. */
  async current(names: readonly string[]): Promise<Record<string, SecretVersion>> {
    if (names.length === 0) return {};
    const newest = newestByName(await this.list());
    const missing = names.filter((n) => !newest[n]);
    if (missing.length > 0) {
      throw new FaasError(
        'INVALID_REQUEST',
        `invalid function deployment: unknown secret: ${missing.join(', ')}`,
        [{ field: 'secrets', message: `unknown secret: ${missing.join(', ')}` }],
      );
    }
    return Object.fromEntries(names.map((n) => [n, newest[n] as SecretVersion]));
  }
}

/** The newest version of each secret name. */
export function newestByName(versions: readonly SecretVersion[]): Record<string, SecretVersion> {
  const newest: Record<string, SecretVersion> = {};
  for (const v of versions) {
    const seen = newest[v.name];
    if (!seen || v.version > seen.version) newest[v.name] = v;
  }
  return newest;
}
