// LogReader on Swarm: the service's logs (or one task's) from the Docker API, demultiplexed and
// split into LogMessages. Replicas that never started (an image that does not exist, a bad
// constraint) have no container and so no logs: their task errors come first, as log lines, so
// `faas-cli logs` says why a function is not running.
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { LogMessage, LogQuery } from '@faas/contracts';
import type { LogReader } from '@faas/provider-http';
import { isDockerNotFound, translateDockerError } from '../docker/docker-errors.js';
import { FunctionServices } from '../docker/function-services.js';
import type { TaskView } from '../mapping/function-status.js';
import { compareTimestamps, LogFrameDecoder, parseServiceLogLine } from '../docker/log-frames.js';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';

/** Reads function logs through the Docker API. */
@injectable()
export class SwarmLogReader implements LogReader {
  constructor(
    @inject(tokens.Docker) private readonly docker: Dockerode,
    @inject(FunctionServices) private readonly services: FunctionServices,
  ) {}

  async *read(query: LogQuery & { namespace: string }, signal: AbortSignal): AsyncIterable<LogMessage> {
    const requestedAt = Date.now();
    const service = await this.services.get(query.name);
    const tasks = await this.services.allTasks(service.ID);
    const task = query.instance
      ? tasks.find((t) => t.ID === query.instance || t.ID?.startsWith(query.instance ?? ''))
      : undefined;
    if (query.instance && !task) return;
    const message = (timestamp: string, instance: string, text: string): LogMessage => ({
      name: query.name,
      namespace: query.namespace,
      instance,
      timestamp,
      text,
    });
    const history = query.tail === undefined || query.tail > 0;
    for (const t of history ? taskErrors(task ? [task] : tasks, query.since) : []) {
      yield message(t.Status?.Timestamp ?? '', t.ID ?? '', `task ${t.Status?.State}: ${t.Status?.Err}`);
    }
    const params: Record<string, string | boolean> = {
      stdout: true,
      stderr: true,
      timestamps: true,
      details: true,
      follow: query.follow,
      tail: query.tail === undefined ? 'all' : String(query.tail),
    };
    if (query.since) params.since = String(Date.parse(query.since) / 1000);
    if (query.follow && query.tail === 0) {
      // "Only new lines": Swarm needs a moment to subscribe to every task's log, and a line written
      // meanwhile would be lost with tail=0. Ask for everything since the request arrived instead.
      const since = Math.max(requestedAt, query.since ? Date.parse(query.since) : 0);
      params.since = String(since / 1000);
      params.tail = 'all';
    }
    const path = task ? `/tasks/${task.ID}/logs?` : `/services/${service.ID}/logs?`;
    let body: Readable;
    try {
      body = await openStream(this.docker, path, params, signal);
    } catch (err) {
      if (signal.aborted || isDockerNotFound(err)) return;
      throw translateDockerError(err, `read logs of ${query.name}`, 'FUNCTION_NOT_FOUND');
    }
    const decoder = new LogFrameDecoder();
    const toMessages = (lines: { line: string }[]): LogMessage[] =>
      lines.map(({ line }) => {
        const entry = parseServiceLogLine(line);
        return message(entry.timestamp, entry.taskId, entry.text);
      });
    if (!query.follow) {
      // History: Docker merges stdout, stderr and replicas as they arrive; hand them out in time order.
      const lines: LogMessage[] = [];
      try {
        for await (const chunk of body) lines.push(...toMessages(decoder.push(chunk as Buffer)));
      } catch (err) {
        if (!signal.aborted) throw translateDockerError(err, `read logs of ${query.name}`);
      }
      lines.push(...toMessages(decoder.end()));
      yield* lines.sort((a, b) => compareTimestamps(a.timestamp, b.timestamp));
      return;
    }
    const onAbort = (): void => void body.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const chunk of body) yield* toMessages(decoder.push(chunk as Buffer));
      yield* toMessages(decoder.end());
    } catch (err) {
      if (!signal.aborted) throw translateDockerError(err, `read logs of ${query.name}`);
    } finally {
      signal.removeEventListener('abort', onAbort);
      body.destroy();
    }
  }
}

/** A streamed GET on the Docker API (dockerode's typed `logs` buffer the whole body unless following). */
function openStream(
  docker: Dockerode,
  path: string,
  options: Record<string, string | boolean>,
  signal: AbortSignal,
): Promise<Readable> {
  return new Promise((resolve, reject) => {
    (docker.modem as { dial: (o: object, cb: (err: unknown, data: unknown) => void) => void }).dial(
      {
        path,
        method: 'GET',
        isStream: true,
        abortSignal: signal,
        statusCodes: { 200: true, 404: 'not found', 500: 'server error', 503: 'node is not part of a swarm' },
        options,
      },
      (err, data) => (err ? reject(err) : resolve(data as Readable)),
    );
  });
}

/** The latest task of each distinct error (newest Swarm retries repeat it), oldest first. */
function taskErrors(tasks: readonly TaskView[], since: string | undefined): TaskView[] {
  const latest = new Map<string, TaskView>();
  for (const task of tasks) {
    const err = task.Status?.Err;
    if (!err) continue;
    if (since && (task.Status?.Timestamp ?? '') < since) continue;
    const seen = latest.get(err);
    if (!seen || (seen.Status?.Timestamp ?? '') < (task.Status?.Timestamp ?? '')) latest.set(err, task);
  }
  return [...latest.values()].sort((a, b) =>
    (a.Status?.Timestamp ?? '').localeCompare(b.Status?.Timestamp ?? ''),
  );
}
