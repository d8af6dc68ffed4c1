import { createHmac } from 'node:crypto';
import { INVOKE_METHODS } from '@faas/contracts';
import type { Command } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { connectGateway } from '../gateway-target.js';
import { routeName } from '../function-url.js';
import { readAll } from '../io.js';
import { flag, gatewayOptionsWith, listValue, namespaceOption, requiredPositional } from '../options.js';
import { stringValue } from '../options.js';
import { Printer } from '../printer.js';

/** `Key=Value` or `Key: Value` into a header pair. */
function header(raw: string): [string, string] {
  const m = /^([^=:\s]+)\s*[=:]\s?(.*)$/.exec(raw);
  if (!m) throw new UsageError(`--header takes Name=Value, got "${raw}"`);
  return [m[1] as string, m[2] as string];
}

/** `faas invoke NAME`: calls a function with stdin as the body and prints its answer. */
export const invokeCommand: Command = {
  name: 'invoke',
  summary: 'invoke a function with stdin as the request body',
  usage: 'faas invoke NAME [-m METHOD] [-H Name=Value]... [--query k=v]... [--async] [-n NS] < body',
  options: {
    ...gatewayOptionsWith(namespaceOption),
    method: { type: 'string', short: 'm', valueName: 'METHOD', description: 'HTTP method (default POST)' },
    header: { type: 'string', short: 'H', multiple: true, valueName: 'K=V', description: 'request header' },
    query: { type: 'string', multiple: true, valueName: 'K=V', description: 'query parameter' },
    'content-type': { type: 'string', valueName: 'TYPE', description: 'Content-Type (default text/plain)' },
    async: { type: 'boolean', short: 'a', description: 'queue the call; prints the call id' },
    sign: {
      type: 'string',
      valueName: 'HEADER',
      description: 'send an HMAC-SHA1 of the body in this header (sha1=<hex>), with --key',
    },
    key: { type: 'string', valueName: 'KEY', description: 'the HMAC key for --sign' },
  },
  async run({ io, values, positionals }) {
    const name = requiredPositional(positionals, 0, 'the function name');
    const method = (stringValue(values, 'method') ?? 'POST').toUpperCase();
    if (!(INVOKE_METHODS as readonly string[]).includes(method))
      throw new UsageError(`--method must be one of ${INVOKE_METHODS.join(', ')}, got "${method}"`);
    const headers: Record<string, string> = {
      'Content-Type': stringValue(values, 'content-type') ?? 'text/plain',
    };
    for (const raw of listValue(values, 'header')) {
      const [k, v] = header(raw);
      for (const existing of Object.keys(headers))
        if (existing.toLowerCase() === k.toLowerCase()) delete headers[existing];
      headers[k] = v;
    }
    const query = new URLSearchParams();
    for (const raw of listValue(values, 'query')) {
      const eq = raw.indexOf('=');
      if (eq <= 0) throw new UsageError(`--query takes key=value, got "${raw}"`);
      query.append(raw.slice(0, eq), raw.slice(eq + 1));
    }
    const sign = stringValue(values, 'sign');
    const key = stringValue(values, 'key');
    if ((sign === undefined) !== (key === undefined)) throw new UsageError('--sign and --key go together');
    const out = new Printer(io);
    let body: Buffer | undefined;
    if (method !== 'GET' && method !== 'HEAD') {
      if (io.stdinIsTTY) out.info('Reading from STDIN - hit (Control + D) to stop.');
      body = await readAll(io.stdin);
    }
    if (sign && key)
      headers[sign] = `sha1=${createHmac('sha1', key)
        .update(body ?? Buffer.alloc(0))
        .digest('hex')}`;
    const isAsync = flag(values, 'async');
    const gateway = await connectGateway(io, values);
    const target = routeName(name, stringValue(values, 'namespace'));
    const res = await gateway.invoke(target, {
      method,
      headers,
      query: query.toString(),
      body,
      async: isAsync,
    });
    if (isAsync && res.status === 202) {
      await res.arrayBuffer();
      out.info('Function submitted asynchronously.');
      const callId = res.headers.get('x-call-id');
      if (callId) out.line(callId);
      return;
    }
    if (res.status < 200 || res.status > 299) {
      const text = (await res.text()).trim();
      throw new CliError(`Server returned unexpected status code: ${res.status}${text ? ` - ${text}` : ''}`);
    }
    if (res.body) for await (const chunk of res.body) io.stdout.write(chunk);
  },
};
