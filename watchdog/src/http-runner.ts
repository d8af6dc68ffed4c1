import { Agent, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { flushHeadersSoon, relayBody } from '@faas/service-kit';
import { splitCommand } from './config.js';
import { pipeLines } from './function-process.js';
import { deadlineAnswer, deadlineOf } from './deadlines.js';
import type { Deadline } from './deadlines.js';
import { answerHeaders, withoutHopByHop } from './hop-by-hop.js';
import type { FunctionProcess } from './function-process.js';
import { secondsSince, sendText } from './runner.js';
import type { FunctionRunner, RunnerDeps } from './runner.js';

/**
 * http mode: starts `fprocess` once, waits until `upstream_url` accepts connections, then
 * reverse-proxies every request to it over keep-alive connections, streaming both ways (SSE and
 * NDJSON responses reach the client chunk by chunk). `exec_timeout` answers 504.
 *
 * When the function process dies the watchdog exits (onFatal) rather than restarting it, as
 * of-watchdog does: the orchestrator restarts the container and counts the crash, where an
 * in-process restart loop would hide a crash-looping function behind a healthy-looking replica.
 */
export class HttpRunner implements FunctionRunner {
  private readonly target: URL;
  private readonly agent = new Agent({ keepAlive: true, maxFreeSockets: 1024, scheduling: 'lifo' });
  private child: FunctionProcess | undefined;
  private up = false;
  private stopping = false;

  constructor(private readonly deps: RunnerDeps) {
    this.target = new URL(deps.config.upstreamUrl);
  }

  async start(): Promise<void> {
    const { logger } = this.deps;
    const { command, args } = splitCommand(this.deps.config.fprocess);
    logger.info('Forking fprocess.', { fprocess: this.deps.config.fprocess });
    const child = await this.deps.spawner.spawn(command, args, this.deps.env, { combineStderr: false });
    this.child = child;
    child.stdin.end();
    pipeLines(child.stdout, this.deps.output.stream('stdout'));
    pipeLines(child.stderr, this.deps.output.stream('stderr'));
    let exited = false;
    void child.done.then((exit) => {
      exited = true;
      this.up = false;
      if (this.stopping) return;
      const why = exit.error?.message ?? `exit code ${exit.code ?? exit.signal}`;
      this.deps.onFatal(new Error(`the function process exited (${why}); the watchdog exits too`));
    });
    const port = Number(this.target.port || 80);
    const host = this.target.hostname.replace(/^\[|\]$/g, '');
    for (let delay = 5; !exited && !this.stopping; delay = Math.min(delay * 2, 100)) {
      if (await accepts(host, port)) {
        this.up = true;
        logger.info(`Upstream ${this.target.origin} is accepting connections.`);
        return;
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  ready(): boolean {
    return this.up;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.up = false;
    this.agent.destroy();
    this.child?.killGroup();
    if (this.child) await this.child.done;
  }

  run(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<number> {
    const { config, logger } = this.deps;
    const started = process.hrtime.bigint();
    return new Promise((resolve) => {
      let status = 502;
      const upstream = request(
        {
          agent: this.agent,
          hostname: this.target.hostname,
          port: this.target.port,
          method: req.method,
          path: req.url,
          headers: withoutHopByHop(req.rawHeaders),
        },
        (answer) => {
          status = answer.statusCode ?? 502;
          res.writeHead(
            status,
            answer.statusMessage,
            answerHeaders(answer.rawHeaders, secondsSince(started)),
          );
          if (answer.headers['content-length'] === undefined) flushHeadersSoon(res);
          relayBody(answer, res);
          answer.once('error', () => res.destroy());
        },
      );
      const stop = (deadline: Deadline | undefined): void => {
        if (deadline === undefined) return;
        upstream.destroy();
        const answer = deadlineAnswer(deadline, config, logger);
        resolve(sendText(res, answer.status, answer.text));
      };
      const timer =
        config.execTimeout > 0 ? setTimeout(() => stop('exec_timeout'), config.execTimeout) : undefined;
      const onAbort = (): void => stop(deadlineOf(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      upstream.once('error', (err) => {
        if (res.writableEnded) return;
        if (res.headersSent) {
          res.destroy();
          resolve(502);
        } else resolve(sendText(res, 502, `Can't reach the function process: ${err.message}\n`, true));
      });
      // The first resolve wins: a 504 or 502 above, else the function's own status once sent.
      res.once('close', () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (!res.writableFinished) upstream.destroy();
        resolve(status);
      });
      relayBody(req, upstream);
    });
  }
}

/** True when a TCP connection to host:port succeeds. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
