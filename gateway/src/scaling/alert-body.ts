// The AlertManager webhook body (version 4): only what scaling reads is checked; everything else
// AlertManager sends (groupKey, annotations, generatorURL…) is ignored.
import { FaasError } from '@faas/contracts';
import type { AlertStatus } from './replica-formula.js';

/** One alert of the webhook's `alerts`. */
export interface WebhookAlert {
  /** `firing` or `resolved`: the alert's own status, which may differ from the group's. */
  status: AlertStatus;
  /** The alert's labels; `function_name` (`name.namespace`, never empty) names the function. */
  labels: Record<string, string> & { function_name: string };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses the body; INVALID_REQUEST (400) naming the first problem when it is not a webhook body. */
export function parseAlertBody(raw: Buffer): WebhookAlert[] {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new FaasError('INVALID_REQUEST', 'Invalid alert body: not JSON.');
  }
  if (!isObject(body) || !Array.isArray(body.alerts))
    throw new FaasError('INVALID_REQUEST', 'Invalid alert body: expected an object with an "alerts" array.');
  return body.alerts.map((alert: unknown, i): WebhookAlert => {
    if (!isObject(alert))
      throw new FaasError('INVALID_REQUEST', `Invalid alert body: alerts[${i}] is not an object.`);
    const { status, labels } = alert;
    if (status !== 'firing' && status !== 'resolved')
      throw new FaasError(
        'INVALID_REQUEST',
        `Invalid alert body: alerts[${i}].status must be "firing" or "resolved".`,
      );
    if (!isObject(labels) || Object.values(labels).some((v) => typeof v !== 'string'))
      throw new FaasError(
        'INVALID_REQUEST',
        `Invalid alert body: alerts[${i}].labels must map names to strings.`,
      );
    // Checked here, before any alert is handled: a body that names no function is not half-applied.
    if (!labels.function_name)
      throw new FaasError(
        'INVALID_REQUEST',
        `Invalid alert body: alerts[${i}].labels.function_name is required.`,
      );
    return { status, labels: labels as Record<string, string> & { function_name: string } };
  });
}
