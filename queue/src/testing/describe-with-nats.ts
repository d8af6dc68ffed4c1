import { components, describeWith } from '@faas/service-kit/testing';

/** `describe` for suites that need `nats-server`: skipped on a laptop without it, failing under `CI=true`. */
export function describeWithNats(title: string, body: () => void): void {
  describeWith([components.nats], title, body);
}
