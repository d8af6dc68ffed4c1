import { HOP_BY_HOP_HEADERS } from '@faas/contracts';
import { splitCommand } from '../config.js';
import { drain, fork } from './processes.js';
import type { Forked } from './processes.js';
import { requestTarget } from './request-head.js';
import { textAnswer } from './runner.js';
import type { BunAnswer, BunCall, BunRunner, BunRunnerDeps } from './runner.js';

const HOP_BY_HOP = new Set(HOP_BY_HOP_HEADERS);

/** Bodies up to this size are read whole instead of streamed: cheaper per call, both ways. */
const SMALL_BODY_BYTES = 64 * 1024;

/**
 * The headers of `from` without the hop-by-hop ones (RFC 9110 §7.6.1): `from` itself when it has
 * none (most calls: copying costs more than the check), else a copy without them.
 */
function forwardable(from: Headers): Headers {
  let out: Headers | undefined;
  for (const name of HOP_BY_HOP) {
    if (!from.has(name)) continue;
    out ??= new Headers(from);
    out.delete(name);
  }
  return out ?? from;
}

function small(headers: Headers): boolean {
  const length = headers.get('content-length');
  return length !== null && Number(length) <= SMALL_BODY_BYTES;
}

/**
 * http mode on Bun: starts `fprocess` once, waits until `upstream_url` accepts connections, then
 * proxies every call to it with Bun's fetch (pooled keep-alive connections, redirects passed
 * through, no decompression). Small bodies travel in one piece, others stream both ways, so an
 * SSE or NDJSON answer reaches the client chunk by chunk. `exec_timeout` answers 504. When the
 * function process dies the watchdog exits, as the Node runtime's HttpRunner does.
 */
export class BunHttpRunner implements BunRunner {
  private readonly origin: string;
  private child: Forked | undefined;
  private up = false;
  private stopping = false;

  constructor(private readonly deps: BunRunnerDeps) {
    this.origin = new URL(deps.config.upstreamUrl).origin;
  }

  async start(): Promise<void> {
    const { logger, config } = this.deps;
    const { command, args } = splitCommand(config.fprocess);
    logger.info('Forking fprocess.', { fprocess: config.fprocess });
    const child = fork(command, args, this.deps.env, undefined, new Uint8Array(0));
    this.child = child;
    const log = (stream: string) => (c: Uint8Array) =>
      logger.info(`${stream}: ${Buffer.from(c).toString().trimEnd()}`);
    void drain(child.proc.stdout, log('stdout'));
    void drain(child.proc.stderr, log('stderr'));
    let exited = false;
    void child.failure().then((failure) => {
      exited = true;
      this.up = false;
      if (this.stopping) return;
      const why = failure ?? 'exit code 0';
      this.deps.onFatal(new Error(`the function process exited (${why}); the watchdog exits too`));
    });
    const target = new URL(config.upstreamUrl);
    const port = Number(target.port || 80);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    for (let delay = 5; !exited && !this.stopping; delay = Math.min(delay * 2, 100)) {
      if (await accepts(host, port)) {
        this.up = true;
        logger.info(`Upstream ${this.origin} is accepting connections.`);
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
    if (!this.child) return;
    this.child.killGroup();
    await this.child.proc.exited;
  }

  async run(call: BunCall): Promise<BunAnswer> {
    const { req } = call;
    const { config } = this.deps;
    const abort = new AbortController();
    call.signal.addEventListener('abort', () => abort.abort(), { once: true });
    let timedOut = false;
    const timer =
      config.execTimeout > 0
        ? setTimeout(() => {
            timedOut = true;
            abort.abort();
          }, config.execTimeout)
        : undefined;
    try {
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.body !== null;
      const upstream = await fetch(this.origin + requestTarget(req.url), {
        method: req.method,
        headers: forwardable(req.headers),
        body: !hasBody ? undefined : small(req.headers) ? await req.arrayBuffer() : req.body,
        redirect: 'manual',
        decompress: false,
        signal: abort.signal,
      });
      const headers = forwardable(upstream.headers);
      if (small(upstream.headers)) {
        const body = await upstream.arrayBuffer();
        clearTimeout(timer);
        return {
          status: upstream.status,
          response: new Response(body, { status: upstream.status, statusText: upstream.statusText, headers }),
        };
      }
      // Streamed: the timer keeps running until the body ends, as in the Node runtime.
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (finish = resolve));
      const reader = upstream.body?.getReader();
      const body =
        reader === undefined
          ? null
          : new ReadableStream<Uint8Array>({
              async pull(controller) {
                try {
                  const { done: ended, value } = await reader.read();
                  if (ended) {
                    clearTimeout(timer);
                    controller.close();
                    finish();
                  } else controller.enqueue(value);
                } catch (err) {
                  clearTimeout(timer);
                  controller.error(err);
                  finish();
                }
              },
              cancel() {
                clearTimeout(timer);
                abort.abort();
                finish();
              },
            });
      if (body === null) {
        clearTimeout(timer);
        finish();
      }
      return {
        status: upstream.status,
        response: new Response(body, { status: upstream.status, statusText: upstream.statusText, headers }),
        done,
      };
    } catch (err) {
      clearTimeout(timer);
      if (timedOut)
        return textAnswer(504, `Function timed out after ${config.execTimeout}ms (exec_timeout).\n`);
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
