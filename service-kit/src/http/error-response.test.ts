import { Agent, createServer, request } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaasError } from '@faas/contracts';
import { MemoryLogger } from '../logger.js';
import { sendError } from './error-response.js';
import type { ErrorContext } from './error-response.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Runs `write` as a request handler and returns what the client got (`reset` if it was cut off). */
async function answerOf(write: (res: ServerResponse) => void): Promise<Answer | 'reset'> {
  const server = createServer((_req, res) => write(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise((resolve) => {
      request({ port, host: '127.0.0.1', agent: new Agent({ keepAlive: true }) }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on('error', () => resolve('reset'));
      })
        .on('error', () => resolve('reset'))
        .end();
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

const context = (logger: MemoryLogger, extra: Partial<ErrorContext> = {}): ErrorContext => ({
  logger,
  component: 'provider',
  route: '/system/functions',
  callId: 'c-1',
  ...extra,
});

describe('sendError', () => {
  it.each([
    ['a 4xx', new FaasError('FUNCTION_NOT_FOUND', 'No such function: f.'), 404, 'info'],
    ['a 5xx', new FaasError('UPSTREAM_UNREACHABLE', "Can't reach service for: f."), 502, 'error'],
  ])('answers %s FaasError with its status and one line, logged at %s', async (_what, err, status, level) => {
    const logger = new MemoryLogger();
    const answer = await answerOf((res) => sendError(res, err, context(logger)));
    expect(answer).toMatchObject({
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-openfaas-internal': 'provider' },
      text: `${err.message}\n`,
    });
    expect(logger.entries).toEqual([
      { level, msg: err.message, fields: { callId: 'c-1', route: '/system/functions', status } },
    ]);
  });

  it('answers anything else with a 500 that names the service’s log, and logs the stack there', async () => {
    const logger = new MemoryLogger();
    const answer = await answerOf((res) =>
      sendError(
        res,
        new Error('secret detail'),
        context(logger, { component: 'proxy', service: 'provider' }),
      ),
    );
    expect(answer).toMatchObject({
      status: 500,
      headers: { 'x-openfaas-internal': 'proxy' },
      text: 'Internal error, see the provider log.\n',
    });
    expect(logger.entries[0]?.level).toBe('error');
    expect(String(logger.entries[0]?.fields?.err)).toContain('secret detail');
  });

  it('logs nothing when the caller logs the error itself', async () => {
    const logger = new MemoryLogger();
    await answerOf((res) =>
      sendError(res, new FaasError('UPSTREAM_TIMEOUT'), context(logger, { quiet: true })),
    );
    expect(logger.entries).toEqual([]);
  });

  it.each([
    ['PAYLOAD_TOO_LARGE', 413],
    ['REQUEST_TIMEOUT', 408],
  ] as const)(
    'closes the connection after a %s (%i): the rest of that body is not wanted',
    async (code, status) => {
      const answer = await answerOf((res) =>
        sendError(res, new FaasError(code), context(new MemoryLogger())),
      );
      expect(answer).toMatchObject({ status, headers: { connection: 'close' } });
    },
  );

  it('cuts off a response already under way instead of writing a second head', async () => {
    let returned = 0;
    const answer = await answerOf((res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      returned = sendError(res, new FaasError('INTERNAL'), context(new MemoryLogger()));
    });
    expect(answer).toBe('reset');
    expect(returned).toBe(200);
  });
});
