import { invokeUrl, parseHeaderLines, viewOfBody } from './invoke.js';

const fn = { name: 'echo', namespace: 'openfaas-fn' };
const bytes = (text: string) => new TextEncoder().encode(text);

describe('invoking from the page', () => {
  it.each([
    [{ path: '', query: '', async: false }, '/function/echo.openfaas-fn'],
    [{ path: '/', query: '', async: false }, '/function/echo.openfaas-fn'],
    [{ path: 'a/b', query: '?x=1', async: false }, '/function/echo.openfaas-fn/a/b?x=1'],
    [{ path: '//a', query: 'x=1&y=2', async: true }, '/async-function/echo.openfaas-fn/a?x=1&y=2'],
  ])('calls %j at %s', (req, url) => {
    expect(invokeUrl({ fn, ...req })).toBe(url);
  });

  it('reads header lines and names the bad ones', () => {
    expect(parseHeaderLines('X-Trace: abc\n\nAccept:text/plain\nno colon here\n: empty')).toEqual({
      headers: [
        ['X-Trace', 'abc'],
        ['Accept', 'text/plain'],
      ],
      problems: ['line 4: write Name: value', 'line 5: write Name: value'],
    });
  });

  it.each([
    ['application/json', '{"a":[1,2]}', { kind: 'json', text: '{\n  "a": [\n    1,\n    2\n  ]\n}' }],
    ['application/problem+json', '{"x":1}', { kind: 'json', text: '{\n  "x": 1\n}' }],
    ['application/json', '{broken', { kind: 'text', text: '{broken' }],
    ['text/plain', 'hello\n', { kind: 'text', text: 'hello\n' }],
    [null, '[1]', { kind: 'json', text: '[\n  1\n]' }],
    ['image/png', 'PNG', { kind: 'binary', size: 3 }],
    ['text/plain', '', { kind: 'empty' }],
  ])('shows a %s body %j as %j', (type, body, view) => {
    expect(viewOfBody(type, bytes(body))).toEqual(view);
  });

  it('offers bytes that are not UTF-8 as a download', () => {
    expect(viewOfBody('text/plain', new Uint8Array([0xff, 0xfe, 0x00]))).toEqual({ kind: 'binary', size: 3 });
  });
});
