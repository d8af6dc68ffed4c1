import type { FunctionDeployment, FunctionStatus } from '../wire/function.js';
import { ConformanceFailure, check, checkStatus } from './assert.js';
import type { Answer, ProviderClient, RequestOptions } from './client.js';
import { fillSpec, randomPort } from './placeholders.js';
import type { ConformanceFunctions, FunctionSpec } from './types.js';

/** Settings every case reads, defaults applied. */
export interface CaseSettings {
  namespace: string | undefined;
  functions: ConformanceFunctions;
  readyTimeoutMs: number;
  pollMs: number;
  /** Unique per run: `<prefix>-<6 hex>`. */
  runPrefix: string;
}

let counter = 0;

/**
 * What a case works with: the client, helpers that wait by polling, and a cleanup list the runner
 * empties after the case, passed or failed, so every case removes what it deployed.
 */
export class CaseContext {
  private readonly cleanups: (() => Promise<unknown>)[] = [];

  constructor(
    readonly client: ProviderClient,
    readonly settings: CaseSettings,
  ) {}

  /** A fresh function or secret name for this run (a DNS-1123 label). */
  name(hint: string): string {
    counter += 1;
    return `${this.settings.runPrefix}-${counter}-${hint}`.slice(0, 63).replace(/-+$/, '');
  }

  /** `?namespace=<ns>` (plus extra parameters) when the kit was given a namespace. */
  query(extra: Record<string, string> = {}): string {
    const params = new URLSearchParams(extra);
    if (this.settings.namespace) params.set('namespace', this.settings.namespace);
    const text = params.toString();
    return text ? `?${text}` : '';
  }

  /** `/function/<name>[.<ns>]`. */
  functionPath(name: string): string {
    return `/function/${name}${this.settings.namespace ? `.${this.settings.namespace}` : ''}`;
  }

  /** Registers work to do after the case. */
  cleanup(work: () => Promise<unknown>): void {
    this.cleanups.unshift(work);
  }

  /** Runs the cleanups, newest first; returns the messages of those that failed. */
  async runCleanups(): Promise<string[]> {
    const failures: string[] = [];
    for (const work of this.cleanups.splice(0)) {
      try {
        await work();
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
    return failures;
  }

  /** The deployment body for a spec (placeholders filled), with the kit's namespace. */
  deployment(
    spec: FunctionSpec,
    name: string,
    extra: Partial<FunctionDeployment> = {},
    values: Record<string, string> = {},
  ): FunctionDeployment {
    const filled = fillSpec(spec, { port: randomPort(), ...values });
    return {
      service: name,
      ...filled,
      ...(this.settings.namespace ? { namespace: this.settings.namespace } : {}),
      ...extra,
    };
  }

  /** POSTs a deployment and registers its removal; returns the answer unchecked. */
  async deployRaw(body: unknown, name: string, options: RequestOptions = {}): Promise<Answer> {
    this.cleanup(() => this.removeQuietly(name));
    return this.client.request('POST', '/system/functions', { body, ...options });
  }

  /** Deploys and checks the provider accepted it (200/201/202). */
  async deploy(deployment: FunctionDeployment): Promise<void> {
    const answer = await this.deployRaw(deployment, deployment.service);
    checkStatus(
      answer.status,
      [200, 201, 202],
      `POST /system/functions (${deployment.service})`,
      answer.text,
    );
  }

  /** Deletes a function, ignoring a 404 (cleanup after a case that deleted it itself). */
  async removeQuietly(name: string): Promise<void> {
    const answer = await this.client.request('DELETE', '/system/functions', {
      body: {
        functionName: name,
        ...(this.settings.namespace ? { namespace: this.settings.namespace } : {}),
      },
    });
    // 400: a name the provider refuses cannot exist (the invalid-name case).
    if (![200, 202, 400, 404].includes(answer.status)) {
      throw new ConformanceFailure(`cleanup: DELETE ${name} answered ${answer.status}`);
    }
  }

  /** `GET /system/function/<name>` unchecked. */
  status(name: string): Promise<Answer> {
    return this.client.request('GET', `/system/function/${name}${this.query()}`);
  }

  /** The function's status; fails unless 200 with JSON. */
  async getStatus(name: string): Promise<FunctionStatus> {
    const answer = await this.status(name);
    checkStatus(answer.status, 200, `GET /system/function/${name}`, answer.text);
    return JSON.parse(answer.text) as FunctionStatus;
  }

  /** The function list; fails unless 200 with a JSON array. */
  async list(): Promise<FunctionStatus[]> {
    const answer = await this.client.request('GET', `/system/functions${this.query()}`);
    checkStatus(answer.status, 200, 'GET /system/functions', answer.text);
    const list = JSON.parse(answer.text) as unknown;
    check(
      Array.isArray(list),
      `GET /system/functions: expected a JSON array, got ${answer.text.slice(0, 200)}`,
    );
    return list as FunctionStatus[];
  }

  /** Polls `probe` until it returns a value; fails with `what` after the ready timeout. */
  async waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + this.settings.readyTimeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const value = await probe();
        if (value !== undefined) return value;
      } catch (err) {
        last = err;
      }
      if (Date.now() > deadline) {
        const why = last instanceof Error ? ` (last error: ${last.message})` : '';
        throw new ConformanceFailure(
          `timed out after ${this.settings.readyTimeoutMs / 1000}s waiting for ${what}${why}`,
        );
      }
      await new Promise((r) => setTimeout(r, this.settings.pollMs));
    }
  }

  /** Waits until the status shows at least `replicas` available. */
  waitAvailable(name: string, replicas = 1): Promise<FunctionStatus> {
    return this.waitFor(`${name} to have ${replicas} available replica(s)`, async () => {
      const status = await this.getStatus(name);
      return status.availableReplicas >= replicas ? status : undefined;
    });
  }

  /** Invokes until the answer is not a 404/502/503 from a provider still catching up, then returns it. */
  async invokeReady(
    name: string,
    path = '',
    options: RequestOptions & { method?: string } = {},
  ): Promise<Answer> {
    await this.waitAvailable(name);
    return this.waitFor(`${name} to answer an invocation`, async () => {
      const answer = await this.client.request(options.method ?? 'GET', `${this.functionPath(name)}${path}`, {
        ...options,
        auth: null,
      });
      return [404, 502, 503].includes(answer.status) ? undefined : answer;
    });
  }
}
