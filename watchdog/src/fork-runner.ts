import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEADERS } from '@faas/contracts';
import { cgiEnv, marshalRequest } from './cgi-env.js';
import { INLINE_STDIN_MAX } from './function-process.js';
import { pipeLines } from './function-process.js';
import type { FunctionProcess, ProcessExit } from './function-process.js';
import type { FunctionOutput } from './line-logger.js';
import { declaresTooLarge, feedBody, readBody } from './request-body.js';
import type { BodyOutcome } from './request-body.js';
import { deadlineAnswer, watchTimeout } from './deadlines.js';
import { failureOf } from './exit-reason.js';
import type { Deadline } from './deadlines.js';
import { responseContentType, secondsSince, sendText, sendTooLarge } from './runner.js';
import { PerRequestRunner } from './per-request-runner.js';

/**
 * classic mode: one fresh process per request, the body on stdin, stdout (and stderr when
 * `combine_output`) buffered and sent once the process exits, so the status can say whether it
 * succeeded: 200, 500 with the error and the output, 408 when `exec_timeout` killed it.
 */
export class ForkRunner extends PerRequestRunner {
  async run(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<number> {
    const { config, logger } = this.deps;
    const started = process.hrtime.bigint();
    if (declaresTooLarge(req, config.maxBodySize)) return sendTooLarge(res, config.maxBodySize);
    // The whole of stdin is known up front for marshal_request, and worth reading first for a
    // small body: it then goes with the spawn request, with no stdin stream to feed.
    let stdinData: Buffer | undefined;
    if (config.marshalRequest || smallBody(req)) {
      const body = await readBody(req, config.maxBodySize);
      if (body === 'too-large') return sendTooLarge(res, config.maxBodySize);
      if (body === 'aborted') return sendText(res, 499, 'Client closed the request.\n');
      stdinData = config.marshalRequest ? Buffer.from(marshalRequest(req, body)) : body;
    }

    const extraEnv = config.cgiHeaders ? cgiEnv(req) : undefined;
    logger.info('Forking fprocess.');
    const proc = await this.deps.spawner.spawn(this.command, this.args, this.deps.env, {
      combineStderr: config.combineOutput,
      extraEnv,
      stdinData,
    });
    const output = collectOutput(proc, config.combineOutput, this.deps.output);
    const timeout = watchTimeout(proc, config.execTimeout, signal);
    const unwatch = this.killOnStop(proc, res, signal);
    const fed: Promise<BodyOutcome> =
      stdinData === undefined ? feedBody(req, proc.stdin, config.maxBodySize) : Promise.resolve('complete');
    void fed.then((outcome) => {
      if (outcome !== 'complete') proc.killGroup();
    });

    const exit = await proc.done;
    timeout.clear();
    const outcome = await fed;
    const status = this.respond(req, res, {
      exit,
      output,
      timedOut: timeout.fired(),
      outcome,
      started,
    });
    unwatch();
    return status;
  }

  private respond(
    req: IncomingMessage,
    res: ServerResponse,
    call: {
      exit: ProcessExit;
      output: Buffer[];
      timedOut: Deadline | undefined;
      outcome: BodyOutcome;
      started: bigint;
    },
  ): number {
    const { config, logger } = this.deps;
    const { exit, output } = call;
    const length = output.reduce((n, c) => n + c.length, 0);
    if (config.writeDebug) logWhole(this.deps.output, output);
    if (call.outcome === 'too-large') return sendTooLarge(res, config.maxBodySize);
    if (call.outcome === 'aborted') return sendText(res, 499, 'Client closed the request.\n');
    if (call.timedOut) {
      const answer = deadlineAnswer(call.timedOut, config, logger);
      return sendText(res, answer.status, answer.text);
    }
    const reason = failureOf(this.command, exit);
    if (reason !== undefined) {
      logger.error(`Function failed: ${reason}`);
      const prefix = Buffer.from(`${reason}\n`);
      res.writeHead(500, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': prefix.length + length,
      });
      writeAll(res, [prefix, ...output]);
      return 500;
    }
    const duration = secondsSince(call.started);
    const headers: Record<string, string | number> = {
      [HEADERS.durationSeconds]: duration,
      'Content-Length': length,
    };
    const type = responseContentType(config, req);
    if (type !== undefined) headers['Content-Type'] = type;
    res.writeHead(200, headers);
    writeAll(res, output);
    logger.info(`Wrote ${length} Bytes - Duration: ${duration}s`);
    return 200;
  }
}

/** Writes buffered chunks without first copying them into one buffer (the output may be large). */
function writeAll(res: ServerResponse, chunks: Buffer[]): void {
  if (chunks.length === 1) return void res.end(chunks[0]);
  res.cork();
  for (const chunk of chunks) res.write(chunk);
  res.end();
  res.uncork();
}

/** A body with a declared length small enough to travel with the spawn request. */
function smallBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return false;
  const length = Number(req.headers['content-length'] ?? 0);
  return length >= 0 && length <= INLINE_STDIN_MAX;
}

/** Buffers stdout (and stderr when combined) in arrival order; otherwise stderr goes to the log. */
export function collectOutput(proc: FunctionProcess, combine: boolean, log: FunctionOutput): Buffer[] {
  const chunks: Buffer[] = [];
  proc.stdout.on('data', (c: Buffer) => chunks.push(c));
  if (combine) proc.stderr.on('data', (c: Buffer) => chunks.push(c));
  else pipeLines(proc.stderr, log.stream('stderr'));
  return chunks;
}

/** `write_debug`: the function's answer, written to its log as it wrote it (the classic watchdog does). */
function logWhole(log: FunctionOutput, chunks: Buffer[]): void {
  const stream = log.stream('stdout');
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
}
