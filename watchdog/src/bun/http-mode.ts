import { answers } from '../core/answers.js';
import { deadlineAnswer, deadlineOf } from '../core/deadlines.js';
import { SMALL_BODY_BYTES } from '../core/decide.js';
import { FunctionServer } from '../core/function-server.js';
import { secondsSince } from '../core/messages.js';
import { answerHeaders, isHopByHop } from '../hop-by-hop.js';
import type { BunProcess } from './bun-spawner.js';
import { requestTarget } from './request-head.js';
import { requestHead } from './response-parser.js';
import { toResponse } from './runner.js';
import type { BunAnswer, BunCall, BunRunner, BunRunnerDeps } from './runner.js';
import { drainLines } from './streams.js';
import { UpstreamPool } from './upstream-pool.js';

/** The client's header fields as sent upstream (Host included): without hop-by-hop ones and framing. */
function upstreamHeaders(from: Headers): [string, string][] {
  const out: [string, string][] = [];
  from.forEach((value, name) => {
    if (!isHopByHop(name) && name !== 'content-length') out.push([name, value]);
  });
  return out;
}

/** A flat `[name, value, …]` list as Headers (repeated names kept). */
function pairs(raw: string[]): Headers {
  const out = new Headers();
  for (let i = 0; i < raw.length; i += 2) out.append(raw[i] as string, raw[i + 1] as string);
  return out;
}

/**
 * http mode on Bun: the function process started once (core/function-server.ts), then every call
 * proxied to it over the watchdog's own keep-alive connections (upstream-pool.ts; redirects passed
 * through, nothing decompressed). Small bodies travel in one piece, others stream both ways, so an
 * SSE or NDJSON answer reaches the client chunk by chunk. `exec_timeout` answers 504.
 */
export class BunHttpRunner implements BunRunner {
  private readonly server: FunctionServer<BunProcess>;
  private readonly pool: UpstreamPool;

  constructor(private readonly deps: BunRunnerDeps) {
    this.server = new FunctionServer(deps, {
      pipeOutput: (child) => {
        void drainLines(child.stdout, deps.output.stream('stdout'));
        void drainLines(child.stderr, deps.output.stream('stderr'));
      },
      accepts,
    });
    this.pool = new UpstreamPool(this.server.host, this.server.port, SMALL_BODY_BYTES);
  }

  start(): Promise<void> {
    return this.server.start();
  }

  ready(): boolean {
    return this.server.ready();
  }

  async stop(): Promise<void> {
    this.pool.close();
    await this.server.stop();
  }

  async run(call: BunCall): Promise<BunAnswer> {
    const { req } = call;
    const { config, logger } = this.deps;
    const method = req.method;
    const headers = upstreamHeaders(req.headers);
    const declared = req.headers.get('content-length');
    let body: Uint8Array | ReadableStream<Uint8Array> | null = null;
    let framing: { length: number } | 'chunked' | 'none' = 'none';
    if (method !== 'GET' && method !== 'HEAD' && req.body !== null) {
      if (declared !== null && Number(declared) <= SMALL_BODY_BYTES) {
        try {
          body = new Uint8Array(await req.arrayBuffer());
        } catch {
          return toResponse(answers.clientClosed()); // as the forking modes answer it
        }
        framing = { length: body.length };
      } else {
        body = req.body;
        framing = declared !== null ? { length: Number(declared) } : 'chunked';
      }
    }
    const exchange = this.pool.exchange({
      method,
      head: requestHead(method, requestTarget(req.url), headers, framing),
      body,
      chunked: framing === 'chunked',
    });
    let timedOut = false;
    const timer =
      config.execTimeout > 0
        ? setTimeout(() => {
            timedOut = true;
            exchange.abort();
          }, config.execTimeout)
        : undefined;
    const onAbort = (): void => exchange.abort();
    call.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const { head, body: answer } = await exchange.response;
      const init = {
        status: head.status,
        statusText: head.statusText,
        headers: pairs(answerHeaders(head.headers, secondsSince(call.started))),
      };
      if (!(answer instanceof ReadableStream)) {
        clearTimeout(timer);
        call.signal.removeEventListener('abort', onAbort);
        return { status: head.status, response: new Response(answer, init) };
      }
      // Streamed: the timer keeps running until the body ends, as in the Node runtime.
      const done = exchange.done.then(() => {
        clearTimeout(timer);
        call.signal.removeEventListener('abort', onAbort);
      });
      return { status: head.status, response: new Response(answer, init), done };
    } catch (err) {
      clearTimeout(timer);
      call.signal.removeEventListener('abort', onAbort);
      const deadline = timedOut ? 'exec_timeout' : deadlineOf(call.signal);
      if (deadline) return toResponse(deadlineAnswer(deadline, config, logger));
      return toResponse(answers.unreachable((err as Error).message));
    }
  }
}

/** True when a TCP connection to host:port succeeds. */
async function accepts(hostname: string, port: number): Promise<boolean> {
  try {
    const socket = await Bun.connect({ hostname, port, socket: { data() {} } });
    socket.end();
    return true;
  } catch {
    return false;
  }
}
