import { Agent, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { flushHeadersSoon, relayBody } from '@faas/service-kit';
import { pipeLines } from './function-process.js';
import { answers } from './core/answers.js';
import { deadlineAnswer, deadlineOf } from './core/deadlines.js';
import type { Deadline } from './core/deadlines.js';
import { FunctionServer } from './core/function-server.js';
import { secondsSince } from './core/messages.js';
import { answerHeaders, withoutHopByHop } from './hop-by-hop.js';
import type { FunctionProcess } from './function-process.js';
import { sendAnswer } from './runner.js';
import type { FunctionRunner, RunnerDeps } from './runner.js';

/**
 * http mode on Node: the function process started once (core/function-server.ts), then every
 * request reverse-proxied to it over keep-alive connections (node:http's Agent), streaming both
 * ways (SSE and NDJSON responses reach the client chunk by chunk). `exec_timeout` answers 504.
 */
export class HttpRunner implements FunctionRunner {
  private readonly target: URL;
  private readonly agent = new Agent({ keepAlive: true, maxFreeSockets: 1024, scheduling: 'lifo' });
  private readonly server: FunctionServer<FunctionProcess>;

  constructor(private readonly deps: RunnerDeps) {
    this.server = new FunctionServer(deps, {
      pipeOutput: (child) => {
        pipeLines(child.stdout, deps.output.stream('stdout'));
        pipeLines(child.stderr, deps.output.stream('stderr'));
      },
      accepts,
    });
    this.target = this.server.target;
  }

  start(): Promise<void> {
    return this.server.start();
  }

  ready(): boolean {
    return this.server.ready();
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await this.server.stop();
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
        resolve(sendAnswer(res, deadlineAnswer(deadline, config, logger)));
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
        } else resolve(sendAnswer(res, answers.unreachable(err.message)));
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
