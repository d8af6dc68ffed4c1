import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEADERS } from '@faas/contracts';
import { cgiEnv, marshalRequest } from './cgi-env.js';
import { answers } from './core/answers.js';
import { watchTimeout } from './core/deadlines.js';
import { forkedVerdict, readsBodyFirst, responseContentType } from './core/decide.js';
import type { BodyOutcome } from './core/decide.js';
import { failureOf } from './core/exit-reason.js';
import { messages, secondsSince } from './core/messages.js';
import { pipeLines } from './function-process.js';
import type { FunctionProcess } from './function-process.js';
import type { FunctionOutput } from './line-logger.js';
import { feedBody, framingOf, readBody } from './request-body.js';
import { sendAnswer } from './runner.js';
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
    // The whole of stdin is known up front for marshal_request, and worth reading first for a
    // small body: it then goes with the spawn request, with no stdin stream to feed.
    let stdinData: Buffer | undefined;
    if (readsBodyFirst(config.marshalRequest, framingOf(req))) {
      const body = await readBody(req, config.maxBodySize);
      if (body === 'too-large') return sendAnswer(res, answers.tooLarge(config.maxBodySize));
      if (body === 'aborted') return sendAnswer(res, answers.clientClosed());
      stdinData = config.marshalRequest ? Buffer.from(marshalRequest(req, body)) : body;
    }

    const extraEnv = config.cgiHeaders ? cgiEnv(req) : undefined;
    logger.info(messages.forking);
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
    const body = await fed;
    if (config.writeDebug) logWhole(this.deps.output, output);
    const verdict = forkedVerdict(
      { body, deadline: timeout.fired(), failure: failureOf(this.command, exit) },
      config,
      logger,
    );
    const status = this.respond(req, res, verdict, output, started);
    unwatch();
    return status;
  }

  private respond(
    req: IncomingMessage,
    res: ServerResponse,
    verdict: ReturnType<typeof forkedVerdict>,
    output: Buffer[],
    started: bigint,
  ): number {
    const { config, logger } = this.deps;
    if ('answer' in verdict) return sendAnswer(res, verdict.answer);
    const length = output.reduce((n, c) => n + c.length, 0);
    if ('failed' in verdict) {
      const { status, headers, body } = answers.failed(verdict.failed);
      const prefix = Buffer.from(body);
      res.writeHead(status, { ...headers, 'Content-Length': prefix.length + length });
      writeAll(res, [prefix, ...output]);
      return status;
    }
    const duration = secondsSince(started);
    const headers: Record<string, string | number> = {
      [HEADERS.durationSeconds]: duration,
      'Content-Length': length,
    };
    const type = responseContentType(config, req.headers['content-type']);
    if (type !== undefined) headers['Content-Type'] = type;
    res.writeHead(200, headers);
    writeAll(res, output);
    logger.info(messages.wrote(length, duration));
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
