import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import { inject, injectable } from 'inversify';
import type { LogOptions } from '@kubernetes/client-node';
import { FaasError } from '@faas/contracts';
import type { LogMessage, LogQuery } from '@faas/contracts';
import { KubeClients } from '../kube/clients.js';
import { kubeStatus, translateApiError } from '../kube/api-errors.js';
import { EndpointSliceInformers, FunctionInformers, SERVICE_NAME_LABEL } from '../kube/informers.js';
import { FUNCTION_LABEL } from '../mapping/labels.js';
import { Logger } from '../tokens.js';
import type { LogReader } from '../tokens.js';
import { mergeAsync } from './merge-async.js';
import { unavailable } from './unavailable.js';

/**
 * Logs from the function's pods (the container named after the function), read with timestamps
 * from the API server. Without `follow`, every pod's lines are merged by time and `tail` applies to
 * the result; with `follow`, lines are passed on as they arrive from any pod, and a pod that starts
 * later is followed from its first line once it is ready (found in the function Service's
 * EndpointSlices, which the provider watches anyway). A pod whose container has not started is
 * skipped.
 */
@injectable()
export class KubeLogReader implements LogReader {
  constructor(
    @inject(KubeClients) private readonly clients: KubeClients,
    @inject(FunctionInformers) private readonly functions: FunctionInformers,
    @inject(EndpointSliceInformers) private readonly slices: EndpointSliceInformers,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  read(query: LogQuery & { namespace: string }, signal: AbortSignal): AsyncIterable<LogMessage> {
    // "Now" for tail=0 is when the request is read, taken here, synchronously: the HTTP layer has
    // already sent the headers, and a caller that answers them with an invocation must get its
    // lines. (Taken inside the generator, after the pod list, those lines could be older.)
    return this.lines(query, signal, new Date());
  }

  private async *lines(
    query: LogQuery & { namespace: string },
    signal: AbortSignal,
    startedAt: Date,
  ): AsyncGenerator<LogMessage> {
    const { name, namespace } = query;
    const cache = await this.functions.in(namespace).catch(unavailable(namespace));
    if (!cache.get(name, namespace)) {
      throw new FaasError('FUNCTION_NOT_FOUND', `function "${name}" in namespace "${namespace}" not found`);
    }
    if (query.tail === 0 && !query.follow) return;
    let pods: string[];
    try {
      const list = await this.clients.core.listNamespacedPod({
        namespace,
        labelSelector: `${FUNCTION_LABEL}=${name}`,
      });
      pods = list.items
        .map((p) => p.metadata?.name ?? '')
        .filter((p) => p && (!query.instance || p === query.instance));
    } catch (err) {
      throw translateApiError(err, { what: 'function', name, namespace });
    }
    const options: LogOptions = {
      follow: query.follow,
      timestamps: true,
      ...(query.tail !== undefined && query.tail > 0 ? { tailLines: query.tail } : {}),
      ...(query.since ? { sinceTime: query.since } : {}),
      // tail=0 with follow: nothing of the past (sinceTime has whole seconds; older lines are dropped below).
      ...(query.tail === 0 ? { sinceTime: `${startedAt.toISOString().slice(0, 19)}Z` } : {}),
    };
    const local = new AbortController();
    const stop = () => local.abort();
    signal.addEventListener('abort', stop, { once: true });
    try {
      const streams = pods.sort().map((pod) => this.podLines(namespace, pod, name, options, local.signal));
      if (query.follow) {
        // Pods that start from now on, from their first line (all of it is newer than the request).
        const fromStart: LogOptions = {
          follow: true,
          timestamps: true,
          ...(query.since ? { sinceTime: query.since } : {}),
        };
        const later = query.instance
          ? undefined
          : this.laterPods(namespace, name, new Set(pods), local.signal, (pod) =>
              this.podLines(namespace, pod, name, fromStart, local.signal),
            );
        for await (const message of mergeAsync(streams, later)) {
          if (query.tail === 0 && Date.parse(message.timestamp) < startedAt.getTime()) continue;
          yield message;
        }
        return;
      }
      const all: LogMessage[] = [];
      for await (const message of mergeAsync(streams)) all.push(message);
      all.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
      yield* query.tail !== undefined ? all.slice(-query.tail) : all;
    } finally {
      signal.removeEventListener('abort', stop);
      local.abort();
    }
  }

  /**
   * Log streams of the function's pods that become ready after `known` was listed, until `signal`
   * aborts or the function is removed.
   */
  private async *laterPods(
    namespace: string,
    name: string,
    known: Set<string>,
    signal: AbortSignal,
    follow: (pod: string) => AsyncIterable<LogMessage>,
  ): AsyncGenerator<AsyncIterable<LogMessage>> {
    const slices = await this.slices.in(namespace).catch(() => undefined);
    const functions = await this.functions.in(namespace).catch(() => undefined);
    if (!slices || !functions) return;
    const fresh = () =>
      slices
        .list()
        .filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name)
        .flatMap((s) => s.endpoints ?? [])
        .filter((e) => e.conditions?.ready !== false && e.targetRef?.kind === 'Pod' && e.targetRef.name)
        .map((e) => e.targetRef?.name as string)
        .filter((pod) => !known.has(pod));
    const gone = () => !functions.get(name, namespace);
    while (!signal.aborted) {
      // Wakes on every change of the slices; the timeout only bounds how long an abort goes unseen.
      await slices.waitUntil(() => fresh().length > 0 || gone() || signal.aborted, 1000);
      if (signal.aborted || gone()) return;
      for (const pod of new Set(fresh())) {
        known.add(pod);
        yield follow(pod);
      }
    }
  }

  private async *podLines(
    namespace: string,
    pod: string,
    container: string,
    options: LogOptions,
    signal: AbortSignal,
  ): AsyncGenerator<LogMessage> {
    if (signal.aborted) return;
    const out = new PassThrough();
    let controller: AbortController;
    try {
      controller = await this.clients.logs.log(namespace, pod, container, out, options);
    } catch (err) {
      // A pod still pulling its image, or just gone: its lines are simply not there yet.
      this.logger.debug('skipping pod logs', { pod, namespace, status: kubeStatus(err)?.code });
      return;
    }
    const abort = () => {
      controller.abort();
      out.end();
    };
    signal.addEventListener('abort', abort, { once: true });
    try {
      for await (const line of createInterface({ input: out, crlfDelay: Infinity })) {
        const space = line.indexOf(' ');
        const timestamp = space > 0 ? line.slice(0, space) : '';
        if (!/^\d{4}-\d{2}-\d{2}T/.test(timestamp)) continue;
        yield { name: container, namespace, instance: pod, timestamp, text: line.slice(space + 1) };
      }
    } finally {
      signal.removeEventListener('abort', abort);
      abort();
    }
  }
}
