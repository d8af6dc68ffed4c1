import type { IncomingMessage, ServerResponse } from 'node:http';
import { noteStreamed } from './buffer-pressure.js';
import { cgiEnv } from './cgi-env.js';
import { answers } from './core/answers.js';
import { watchTimeout } from './core/deadlines.js';
import { forkedVerdict, responseContentType, StderrQuote } from './core/decide.js';
import { failureOf } from './core/exit-reason.js';
import { messages, secondsSince } from './core/messages.js';
import { pipeLines } from './function-process.js';
import { feedBody } from './request-body.js';
import { sendAnswer } from './runner.js';
import { PerRequestRunner } from './per-request-runner.js';

/**
 * streaming mode: one fresh process per request, the body streamed to stdin, stdout streamed to
 * the client as it is produced (with backpressure: a large output is never held in memory),
 * stderr to the log. The 200 goes out with the first byte of output; a process that fails or
 * times out before that gets 500 or 408. One that fails after it cannot change the status: the
 * chunked response is aborted instead of ended, so the client sees a truncated body, not a clean one.
 */
export class StreamingRunner extends PerRequestRunner {
  async run(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<number> {
    const { config, logger } = this.deps;
    const started = process.hrtime.bigint();
    const extraEnv = config.cgiHeaders ? cgiEnv(req) : undefined;
    logger.info(messages.forking);
    const proc = await this.deps.spawner.spawn(this.command, this.args, this.deps.env, {
      combineStderr: false,
      extraEnv,
    });
    const timeout = watchTimeout(proc, config.execTimeout, signal);
    const stderr = new StderrQuote();
    pipeLines(proc.stderr, this.deps.output.stream('stderr'));
    proc.stderr.on('data', (c: Buffer) => stderr.add(c));
    let written = 0;
    let rejected = false;
    const debug = config.writeDebug ? this.deps.output.stream('stdout') : undefined;
    if (debug) pipeLines(proc.stdout, debug);
    proc.stdout.once('data', () => {
      if (rejected) return;
      const type = responseContentType(config, req.headers['content-type']);
      res.writeHead(200, type === undefined ? {} : { 'Content-Type': type });
    });
    proc.stdout.on('data', (c: Buffer) => {
      written += c.length;
      noteStreamed(c.length);
    });
    proc.stdout.pipe(res, { end: false });
    const unwatch = this.killOnStop(proc, res, signal);
    const fed = feedBody(req, proc.stdin, config.maxBodySize, () => {
      rejected = true;
      proc.stdout.unpipe(res);
      proc.stdout.resume();
      proc.killGroup();
    });
    void fed.then((outcome) => {
      if (outcome !== 'complete') proc.killGroup();
    });

    const exit = await proc.done;
    timeout.clear();
    unwatch();
    const verdict = forkedVerdict(
      { body: await fed, deadline: timeout.fired(), failure: failureOf(this.command, exit) },
      config,
      logger,
    );
    if ('answer' in verdict) return sendAnswer(res, verdict.answer);
    if ('failed' in verdict) return sendAnswer(res, answers.failed(verdict.failed, stderr.text()));
    if (!res.headersSent) {
      const type = responseContentType(config, req.headers['content-type']);
      res.writeHead(200, type === undefined ? {} : { 'Content-Type': type });
    }
    res.end();
    logger.info(messages.wrote(written, secondsSince(started)));
    return 200;
  }
}
