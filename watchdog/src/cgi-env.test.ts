import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { canonicalHeaderName, cgiEnv, marshalRequest } from './cgi-env.js';

function request(method: string, url: string, headers: [string, string][]): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.method = method;
  req.url = url;
  req.rawHeaders = headers.flat();
  req.headers = Object.fromEntries(headers.map(([k, v]) => [k.toLowerCase(), v]));
  return req;
}

describe('canonicalHeaderName', () => {
  it.each([
    ['x-call-id', 'X-Call-Id'],
    ['CONTENT-TYPE', 'Content-Type'],
    ['accept', 'Accept'],
  ])('spells %s as %s', (raw, canonical) => {
    expect(canonicalHeaderName(raw)).toBe(canonical);
  });
});

describe('cgiEnv', () => {
  it('names every header Http_<Canonical_Name> and adds method, path, query, host and length', () => {
    const env = cgiEnv(
      request('POST', '/a/b?x=1&y=2', [
        ['Host', 'fn:8080'],
        ['x-call-id', 'abc'],
        ['Content-Length', '5'],
        ['X-Multi', 'one'],
        ['x-multi', 'two'],
      ]),
    );
    expect(env).toEqual({
      Http_Host: 'fn:8080',
      Http_X_Call_Id: 'abc',
      Http_Content_Length: '5',
      Http_X_Multi: 'one',
      Http_Method: 'POST',
      Http_Path: '/a/b',
      Http_Query: 'x=1&y=2',
      Http_ContentLength: '5',
    });
  });

  it('leaves out hop-by-hop headers (not Transfer-Encoding), and Http_Query and Http_Host when empty', () => {
    const env = cgiEnv(
      request('POST', '/a', [
        ['Connection', 'keep-alive'],
        ['Keep-Alive', 'timeout=5'],
        ['TE', 'trailers'],
        ['Proxy-Authorization', 'Basic eA=='],
        ['Upgrade', 'websocket'],
        ['Transfer-Encoding', 'chunked'],
      ]),
    );
    expect(env).toEqual({
      Http_Transfer_Encoding: 'chunked',
      Http_Method: 'POST',
      Http_Path: '/a',
      Http_ContentLength: '-1',
      Http_Content_Length: '-1',
    });
  });

  it.each([
    [[['Transfer-Encoding', 'chunked']] as [string, string][], '-1'],
    [[] as [string, string][], '0'],
  ])('reports Http_ContentLength for %j as %s', (headers, length) => {
    const env = cgiEnv(request('POST', '/', headers));
    expect([env.Http_ContentLength, env.Http_Content_Length]).toEqual([length, length]);
  });
});

describe('marshalRequest', () => {
  it('wraps the headers and the base64 body as the classic watchdog does', () => {
    const json = marshalRequest(request('POST', '/', [['content-type', 'text/plain']]), Buffer.from('hi'));
    expect(JSON.parse(json)).toEqual({ header: { 'Content-Type': ['text/plain'] }, body: { raw: 'aGk=' } });
  });
});
