import { HEADERS } from '@faas/contracts';
import { cgiEnv, marshalRequest } from '../cgi-env.js';
import { answers } from '../core/answers.js';
import { watchTimeout } from '../core/deadlines.js';
import { forkedVerdict, readsBodyFirst, responseContentType, StderrQuote } from '../core/decide.js';
import type { BodyOutcome } from '../core/decide.js';
import { failureOf } from '../core/exit-reason.js';
import { messages, secondsSince } from '../core/messages.js';
import { PerCallMode } from '../core/modes.js';
import type { BunProcess } from './bun-spawner.js';
import { framingOf, requestHead } from './request-head.js';
import { toResponse } from './runner.js';
import type { BunAnswer, BunCall, BunRunner, BunRunnerDeps } from './runner.js';
import { drain, drainLines, feed, noteStreamed, readLimited } from './streams.js';

/** The forking modes on Bun (classic, streaming): a fresh process per call (core/modes.ts). */
abstract class PerCallRunner extends PerCallMode<BunRunnerDeps> implements BunRunner {
  abstract run(call: BunCall): Promise<BunAnswer>;

  /**
   * Starts the process for `call` with its body on stdin: read first when small (or marshalled),
   * else streamed. Returns an answer instead when the body is too large or the client left.
   */
  protected async forkFor(
    call: BunCall,
    marshal: boolean,
  ): Promise<{ proc: BunProcess; fed: Promise<BodyOutcome> } | BunAnswer> {
    const { config, logger } = this.deps;
    const { req } = call;
    const head = config.cgiHeaders || marshal ? requestHead(req) : undefined;
    let stdinData: Uint8Array | undefined;
    if (readsBodyFirst(marshal, framingOf(req))) {
      const body = await readLimited(req, config.maxBodySize);
      if (body === 'too-large') return toResponse(answers.tooLarge(config.maxBodySize));
      if (body === 'aborted') return toResponse(answers.clientClosed());
      stdinData = marshal && head ? Buffer.from(marshalRequest(head, Buffer.from(body))) : body;
    }
    logger.info(messages.forking);
    const proc = await this.deps.spawner.spawn(this.command, this.args, this.deps.env, {
      combineStderr: config.combineOutput,
      extraEnv: config.cgiHeaders && head ? cgiEnv(head) : undefined,
      stdinData,
    });
    const fed: Promise<BodyOutcome> =
      proc.stdin === undefined ? Promise.resolve('complete') : feed(req.body, proc.stdin, config.maxBodySize);
    void fed.then((outcome) => {
      if (outcome !== 'complete') proc.killGroup();
    });
    if (call.signal.aborted) proc.killGroup();
    else call.signal.addEventListener('abort', () => proc.killGroup(), { once: true });
    return { proc, fed };
  }
}

/**
 * classic mode: stdout (and stderr when `combine_output`) buffered and sent once the process
 * exits, so the status says whether it succeeded (core/decide.ts, forkedVerdict).
 */
export class BunClassicRunner extends PerCallRunner {
  async run(call: BunCall): Promise<BunAnswer> {
    const { config, logger } = this.deps;
    const started = await this.forkFor(call, config.marshalRequest);
    if ('response' in started) return started;
    const { proc, fed } = started;
    const output: Uint8Array[] = [];
    const timeout = watchTimeout(proc, config.execTimeout, call.signal);
    const reading = Promise.all([
      drain(proc.stdout, (c) => output.push(c)),
      config.combineOutput
        ? drain(proc.stderr, (c) => output.push(c))
        : drainLines(proc.stderr, this.deps.output.stream('stderr')),
    ]);
    const exit = await proc.done;
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
    const verdict = forkedVerdict(
      { body: outcome, deadline: timeout.fired(), failure: failureOf(this.command, exit) },
      config,
      logger,
    );
    if ('answer' in verdict) return toResponse(verdict.answer);
    if ('failed' in verdict) {
      const { status, headers, body: prefix } = answers.failed(verdict.failed);
      const whole = Buffer.concat([Buffer.from(prefix), body]);
      return { status, response: new Response(whole, { status, headers }) };
    }
    const duration = secondsSince(call.started);
    const headers: Record<string, string> = { [HEADERS.durationSeconds]: duration };
    const type = responseContentType(config, call.req.headers.get('content-type'));
    if (type !== undefined) headers['Content-Type'] = type;
    logger.info(messages.wrote(length, duration));
    return { status: 200, response: new Response(body, { status: 200, headers }) };
  }
}

/**
 * streaming mode: stdout streamed to the client as it is produced, pulled at the client's pace
 * (a large output is never held in memory), stderr to the log. The 200 goes out with the first
 * byte of output; before that, the status is forkedVerdict's. One that fails after it cannot
 * change the status: the body is cut off instead of ended.
 */
export class BunStreamingRunner extends PerCallRunner {
  async run(call: BunCall): Promise<BunAnswer> {
    const { config, logger } = this.deps;
    const started = await this.forkFor(call, false);
    if ('response' in started) return started;
    const { proc, fed } = started;
    const timeout = watchTimeout(proc, config.execTimeout, call.signal);
    const stderr = new StderrQuote();
    const stderrLog = this.deps.output.stream('stderr');
    const stderrDone = drain(proc.stderr, (c) => {
      stderrLog.write(c);
      stderr.add(c);
    }).then(() => stderrLog.end());
    const reader = proc.stdout.getReader();
    const first = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    const failed = async (): Promise<BunAnswer | undefined> => {
      const exit = await proc.done;
      timeout.clear();
      const verdict = forkedVerdict(
        { body: await fed, deadline: timeout.fired(), failure: failureOf(this.command, exit) },
        config,
        logger,
      );
      if ('answer' in verdict) return toResponse(verdict.answer);
      if (!('failed' in verdict)) return undefined;
      await stderrDone;
      return toResponse(answers.failed(verdict.failed, stderr.text()));
    };
    const type = responseContentType(config, call.req.headers.get('content-type'));
    const headers: Record<string, string> = type === undefined ? {} : { 'Content-Type': type };
    if (first.done) {
      const answer = await failed();
      if (answer) return answer;
      logger.info(messages.wrote(0, secondsSince(call.started)));
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
          logger.info(messages.wrote(written, secondsSince(call.started)));
        }
        finish();
      },
      cancel() {
        proc.killGroup();
        finish();
      },
    });
    return { status: 200, response: new Response(body, { status: 200, headers }), done };
  }
}
