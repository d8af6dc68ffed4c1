import type { IncomingMessage, ServerResponse } from 'node:http';
import { noteStreamed } from './buffer-pressure.js';
import { cgiEnv } from './cgi-env.js';
import { pipeLines } from './function-process.js';
import { deadlineAnswer, watchTimeout } from './deadlines.js';
import { failureOf } from './exit-reason.js';
import { declaresTooLarge, feedBody } from './request-body.js';
import { responseContentType, secondsSince, sendText, sendTooLarge } from './runner.js';
import { PerRequestRunner } from './per-request-runner.js';

/** How much of stderr a failure before the first byte of output may quote in its 500. */
const STDERR_QUOTE_BYTES = 64 * 1024;

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
    if (declaresTooLarge(req, config.maxBodySize)) return sendTooLarge(res, config.maxBodySize);

    const extraEnv = config.cgiHeaders ? cgiEnv(req) : undefined;
    logger.info('Forking fprocess.');
    const proc = await this.deps.spawner.spawn(this.command, this.args, this.deps.env, {
      combineStderr: false,
      extraEnv,
    });
    const timeout = watchTimeout(proc, config.execTimeout, signal);
    const stderr: Buffer[] = [];
    let stderrBytes = 0;
    pipeLines(proc.stderr, this.deps.output.stream('stderr'));
    proc.stderr.on('data', (c: Buffer) => {
      if (stderrBytes < STDERR_QUOTE_BYTES) stderr.push(c);
      stderrBytes += c.length;
    });
    let written = 0;
    let rejected = false;
    const debug = config.writeDebug ? this.deps.output.stream('stdout') : undefined;
    if (debug) pipeLines(proc.stdout, debug);
    proc.stdout.once('data', () => {
      if (rejected) return;
      const type = responseContentType(config, req);
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
    const outcome = await fed;
    if (outcome === 'too-large') return sendTooLarge(res, config.maxBodySize);
    const deadline = timeout.fired();
    if (deadline) {
      const answer = deadlineAnswer(deadline, config, logger);
      return sendText(res, answer.status, answer.text);
    }
    const reason = failureOf(this.command, exit);
    if (reason !== undefined) {
      logger.error(`Function failed: ${reason}`);
      return sendText(res, 500, `${reason}\n${Buffer.concat(stderr).toString()}`);
    }
    if (!res.headersSent) {
      const type = responseContentType(config, req);
      res.writeHead(200, type === undefined ? {} : { 'Content-Type': type });
    }
    res.end();
    logger.info(`Wrote ${written} Bytes - Duration: ${secondsSince(started)}s`);
    return 200;
  }
}
