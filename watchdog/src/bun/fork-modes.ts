import type { FileSink } from 'bun';
import { HEADERS } from '@faas/contracts';
import { cgiEnv, marshalRequest } from '../cgi-env.js';
import { splitCommand } from '../config.js';
import { deadlineAnswer, watchTimeout } from '../deadlines.js';
import { startFailure } from '../exit-reason.js';
import { secondsSince } from '../runner.js';
import { drain, drainLines, feed, fork, noteStreamed, readLimited } from './processes.js';
import type { BodyOutcome, Forked } from './processes.js';
import { declaresTooLarge, requestHead } from './request-head.js';
import { responseContentType, textAnswer, tooLargeAnswer } from './runner.js';
import type { BunAnswer, BunCall, BunRunner, BunRunnerDeps } from './runner.js';

/** Bodies up to this size are read before forking and handed to the process in one write. */
const INLINE_STDIN_MAX = 64 * 1024;

/** How much of stderr a streaming failure before the first byte of output may quote in its 500. */
const STDERR_QUOTE_BYTES = 64 * 1024;

/** classic and streaming mode share: a fresh process per call, started with its body wired up. */
abstract class PerCallRunner implements BunRunner {
  protected readonly command: string;
  protected readonly args: string[];

  constructor(protected readonly deps: BunRunnerDeps) {
    ({ command: this.command, args: this.args } = splitCommand(deps.config.fprocess));
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  ready(): boolean {
    return true;
  }

  abstract run(call: BunCall): Promise<BunAnswer>;

  /**
   * Starts the process for `call` with its body on stdin: read first when small (or marshalled),
   * else streamed. Returns an answer instead when the body is too large, the client left, or the
   * program cannot be started.
   */
  protected async forkFor(
    call: BunCall,
    marshal: boolean,
  ): Promise<{ forked: Forked; fed: Promise<BodyOutcome> } | BunAnswer> {
    const { config, logger } = this.deps;
    const { req } = call;
    if (declaresTooLarge(req, config.maxBodySize)) return tooLargeAnswer(config.maxBodySize);
    const head = config.cgiHeaders || marshal ? requestHead(req) : undefined;
    let stdin: Uint8Array | 'pipe' = 'pipe';
    const chunked = req.headers.has('transfer-encoding');
    if (marshal || (!chunked && Number(req.headers.get('content-length') ?? 0) <= INLINE_STDIN_MAX)) {
      const body = await readLimited(req, config.maxBodySize);
      if (body === 'too-large') return tooLargeAnswer(config.maxBodySize);
      if (body === 'aborted') return textAnswer(499, 'Client closed the request.\n');
      stdin = marshal && head ? Buffer.from(marshalRequest(head, Buffer.from(body))) : body;
    }
    logger.info('Forking fprocess.');
    let forked: Forked;
    try {
      forked = fork(
        this.command,
        this.args,
        this.deps.env,
        config.cgiHeaders && head ? cgiEnv(head) : undefined,
        stdin,
      );
    } catch (err) {
      const reason = startFailure(this.command, err as Error);
      logger.error(`Function failed: ${reason}`);
      return textAnswer(500, `${reason}\n`);
    }
    const fed: Promise<BodyOutcome> =
      stdin === 'pipe'
        ? feed(req.body, forked.proc.stdin as unknown as FileSink, config.maxBodySize)
        : Promise.resolve('complete');
    void fed.then((outcome) => {
      if (outcome !== 'complete') forked.killGroup();
    });
    if (call.signal.aborted) forked.killGroup();
    else call.signal.addEventListener('abort', () => forked.killGroup(), { once: true });
    return { forked, fed };
  }
}

/**
 * classic mode: stdout (and stderr when `combine_output`) buffered and sent once the process
 * exits, so the status says whether it succeeded: 200, 500 with the error and the output, 408
 * when `exec_timeout` killed it. The Node runtime's ForkRunner, on Bun's process API.
 */
export class BunClassicRunner extends PerCallRunner {
  async run(call: BunCall): Promise<BunAnswer> {
    const { config, logger } = this.deps;
    const started = await this.forkFor(call, config.marshalRequest);
    if ('response' in started) return started;
    const { forked, fed } = started;
    const output: Uint8Array[] = [];
    const timeout = watchTimeout(forked, config.execTimeout, call.signal);
    const reading = Promise.all([
      drain(forked.proc.stdout, (c) => output.push(c)),
      config.combineOutput
        ? drain(forked.proc.stderr, (c) => output.push(c))
        : drainLines(forked.proc.stderr, this.deps.output.stream('stderr')),
    ]);
    const failure = await forked.failure();
    timeout.clear();
    await reading;
    const outcome = await fed;
    const length = output.reduce((n, c) => n + c.length, 0);
    const body = (output.length === 1 ? output[0] : Buffer.concat(output)) as Uint8Array<ArrayBuffer>;
    if (config.writeDebug) {
      const debug = this.deps.output.stream('stdout');
      debug.write(body);
      debug.end();
    }
    if (outcome === 'too-large') return tooLargeAnswer(config.maxBodySize);
    if (outcome === 'aborted') return textAnswer(499, 'Client closed the request.\n');
    const deadline = timeout.fired();
    if (deadline) {
      const answer = deadlineAnswer(deadline, config, logger);
      return textAnswer(answer.status, answer.text);
    }
    if (failure !== undefined) {
      logger.error(`Function failed: ${failure}`);
      return {
        status: 500,
        response: new Response(Buffer.concat([Buffer.from(`${failure}\n`), body]), {
          status: 500,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        }),
      };
    }
    const duration = secondsSince(call.started);
    const headers: Record<string, string> = { [HEADERS.durationSeconds]: duration };
    const type = responseContentType(config, call.req);
    if (type !== undefined) headers['Content-Type'] = type;
    logger.info(`Wrote ${length} Bytes - Duration: ${duration}s`);
    return { status: 200, response: new Response(body, { status: 200, headers }) };
  }
}

/**
 * streaming mode: stdout streamed to the client as it is produced, pulled at the client's pace
 * (a large output is never held in memory), stderr to the log. The 200 goes out with the first
 * byte of output; a process that fails or times out before that gets 500 or 408. One that fails
 * after it cannot change the status: the body is cut off instead of ended.
 */
export class BunStreamingRunner extends PerCallRunner {
  async run(call: BunCall): Promise<BunAnswer> {
    const { config, logger } = this.deps;
    const started = await this.forkFor(call, false);
    if ('response' in started) return started;
    const { forked, fed } = started;
    const timeout = watchTimeout(forked, config.execTimeout, call.signal);
    const stderr: Uint8Array[] = [];
    let stderrBytes = 0;
    const stderrLog = this.deps.output.stream('stderr');
    const stderrDone = drain(forked.proc.stderr, (c) => {
      stderrLog.write(c);
      if (stderrBytes < STDERR_QUOTE_BYTES) stderr.push(c);
      stderrBytes += c.length;
    }).then(() => stderrLog.end());
    const reader = forked.proc.stdout.getReader();
    const first = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    const failed = async (): Promise<BunAnswer | undefined> => {
      const failure = await forked.failure();
      timeout.clear();
      const outcome = await fed;
      if (outcome === 'too-large') return tooLargeAnswer(config.maxBodySize);
      const deadline = timeout.fired();
      if (deadline) {
        const answer = deadlineAnswer(deadline, config, logger);
        return textAnswer(answer.status, answer.text);
      }
      if (failure === undefined) return undefined;
      logger.error(`Function failed: ${failure}`);
      await stderrDone;
      return textAnswer(500, `${failure}\n${Buffer.concat(stderr).toString()}`);
    };
    const type = responseContentType(config, call.req);
    const headers: Record<string, string> = type === undefined ? {} : { 'Content-Type': type };
    if (first.done) {
      const answer = await failed();
      if (answer) return answer;
      logger.info(`Wrote 0 Bytes - Duration: ${secondsSince(call.started)}s`);
      return { status: 200, response: new Response(null, { status: 200, headers }) };
    }
    let written = 0;
    let pending: Uint8Array | undefined = first.value;
    const debug = config.writeDebug ? this.deps.output.stream('stdout') : undefined;
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next =
          pending ?? (await reader.read().catch(() => ({ done: true as const, value: undefined }))).value;
        pending = undefined;
        if (next !== undefined) {
          written += next.length;
          noteStreamed(next.length);
          debug?.write(next);
          controller.enqueue(next);
          return;
        }
        const answer = await failed();
        if (answer)
          controller.error(new Error(`the function failed after its output began (${answer.status})`));
        else {
          controller.close();
          debug?.end();
          logger.info(`Wrote ${written} Bytes - Duration: ${secondsSince(call.started)}s`);
        }
        finish();
      },
      cancel() {
        forked.killGroup();
        finish();
      },
    });
    return { status: 200, response: new Response(body, { status: 200, headers }), done };
  }
}
