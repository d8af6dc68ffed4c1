// POST /system/alert's work (docs/autoscaling.md): each alert names a function; read its replicas and labels,
// apply the step formula, scale when the count changes. Failures are per alert, never all-or-none.
import { inject, injectable } from 'inversify';
import { FaasError, splitFunctionName } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import type { FunctionRef } from '../invoke/hooks.js';
import type { WebhookAlert } from './alert-body.js';
import { FunctionReplicas } from './function-replicas.js';
import { LabelReader } from './label-reader.js';
import { alertReplicas } from './replica-formula.js';
import { ReplicaSetter } from './replica-setter.js';
import * as tokens from '../tokens.js';

/** Settings of the alert path. */
export interface AlertScalerOptions {
  /** Namespace of a `function_name` without one. */
  defaultNamespace: string;
  /** The built-in autoscaler is on: functions with a target are its, and alerts leave them alone. */
  builtInAutoscaler: boolean;
}
/** The injection token of {@link AlertScalerOptions}. */
export const AlertScalerOptions = Symbol('AlertScalerOptions');

/** What happened to each alert: one line each. */
export interface AlertReport {
  /** Alerts handled (scaled, unchanged or skipped on purpose). */
  done: string[];
  /** Alerts that failed, with the reason. */
  failed: string[];
}

/** Scales functions from AlertManager alerts. */
@injectable()
export class AlertScaler {
  constructor(
    @inject(FunctionReplicas) private readonly replicas: FunctionReplicas,
    @inject(ReplicaSetter) private readonly setter: ReplicaSetter,
    @inject(LabelReader) private readonly labels: LabelReader,
    @inject(tokens.Logger) private readonly logger: Logger,
    @inject(AlertScalerOptions) private readonly options: AlertScalerOptions,
  ) {}

  /** Handles the alerts in order (a group may hold a firing and a resolved alert of one function). */
  async handle(alerts: readonly WebhookAlert[]): Promise<AlertReport> {
    const report: AlertReport = { done: [], failed: [] };
    for (const [i, alert] of alerts.entries()) {
      const name = alert.labels.function_name;
      try {
        report.done.push(await this.one(alert, name));
      } catch (err) {
        // Not a failure to retry: AlertManager would resend it forever (a function deleted while its
        // alert fires, or a rule that labels something else).
        if (err instanceof FaasError && err.code === 'FUNCTION_NOT_FOUND') {
          report.done.push(`${name}: ${alert.status}, no such function, nothing to scale`);
          continue;
        }
        const reason = err instanceof FaasError ? err.message : 'internal error, see the gateway log';
        if (!(err instanceof FaasError))
          this.logger.error('alert failed', { function: name, err: String(err) });
        report.failed.push(`alert ${i} (${name}): ${reason}`);
      }
    }
    return report;
  }

  private async one(alert: WebhookAlert, functionName: string): Promise<string> {
    const split = splitFunctionName(functionName);
    const namespace = split.namespace ?? this.options.defaultNamespace;
    const fn: FunctionRef = { name: split.name, namespace, qualified: `${split.name}.${namespace}` };
    const state = await this.replicas.get(fn);
    const scaling = this.labels.read(fn.qualified, state.labels);
    if (this.options.builtInAutoscaler && scaling.target !== undefined) {
      return `${fn.qualified}: ${alert.status}, left to the built-in autoscaler (com.openfaas.scale.target=${scaling.target})`;
    }
    const wanted = alertReplicas(alert.status, state.replicas, scaling);
    if (wanted === state.replicas) {
      const why = scaling.factor === 0 ? ', alert scaling disabled (factor 0)' : '';
      return `${fn.qualified}: ${alert.status}, stays at ${wanted}${why}`;
    }
    await this.setter.set(
      fn,
      state.replicas,
      wanted,
      alert.status === 'firing' ? 'alert-firing' : 'alert-resolved',
    );
    return `${fn.qualified}: ${alert.status}, ${state.replicas} → ${wanted}`;
  }
}
