import { splitCommand } from '../config.js';
import { deadlineAnswer, deadlineOf } from '../deadlines.js';
import { answerHeaders, isHopByHop } from '../hop-by-hop.js';
import { secondsSince } from '../runner.js';
import { drainLines, fork } from './processes.js';
import type { Forked } from './processes.js';
import { requestHead } from '../response-parser.js';
import { requestTarget } from './request-head.js';
import { UpstreamPool } from './upstream-pool.js';
import { textAnswer } from './runner.js';
import type { BunAnswer, BunCall, BunRunner, BunRunnerDeps } from './runner.js';

/** Bodies up to this size are read whole instead of streamed: cheaper per call, both ways. */
const SMALL_BODY_BYTES = 64 * 1024;

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
 * http mode on Bun: starts `fprocess` once, waits until `upstream_url` accepts connections, then
 * proxies every call to it over the watchdog's own keep-alive connections (upstream-pool.ts;
 * redirects passed through, nothing decompressed). Small bodies travel in one piece, others stream
 * both ways, so an SSE or NDJSON answer reaches the client chunk by chunk. `exec_timeout` answers
 * 504. When the function process dies the watchdog exits, as the Node runtime's HttpRunner does.
 */
export class BunHttpRunner implements BunRunner {
  private readonly target: URL;
  private readonly host: string;
  private readonly port: number;
  private readonly pool: UpstreamPool;
  private child: Forked | undefined;
  private up = false;
  private stopping = false;

  constructor(private readonly deps: BunRunnerDeps) {
    this.target = new URL(deps.config.upstreamUrl);
    this.host = this.target.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(this.target.port || 80);
    this.pool = new UpstreamPool(this.host, this.port, SMALL_BODY_BYTES);
  }

  async start(): Promise<void> {
    const { logger, config } = this.deps;
    const { command, args } = splitCommand(config.fprocess);
    logger.info('Forking fprocess.', { fprocess: config.fprocess });
    const child = fork(command, args, this.deps.env, undefined, new Uint8Array(0));
    this.child = child;
    void drainLines(child.proc.stdout, this.deps.output.stream('stdout'));
    void drainLines(child.proc.stderr, this.deps.output.stream('stderr'));
    let exited = false;
    void child.failure().then((failure) => {
      exited = true;
      this.up = false;
      if (this.stopping) return;
      const why = failure ?? 'exit code 0';
      this.deps.onFatal(new Error(`the function process exited (${why}); the watchdog exits too`));
    });
    for (let delay = 5; !exited && !this.stopping; delay = Math.min(delay * 2, 100)) {
      if (await accepts(this.host, this.port)) {
        this.up = true;
        logger.info(`Upstream ${this.target.origin} is accepting connections.`);
        return;
      }
      await Bun.sleep(delay);
    }
  }

  ready(): boolean {
    return this.up;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.up = false;
    this.pool.close();
    if (!this.child) return;
    this.child.killGroup();
    await this.child.proc.exited;
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
          return textAnswer(499, 'Client closed the request.\n'); // as the forking modes answer it
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
      if (deadline) {
        const answer = deadlineAnswer(deadline, config, logger);
        return textAnswer(answer.status, answer.text);
      }
      return textAnswer(502, `Can't reach the function process: ${(err as Error).message}\n`, true);
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
