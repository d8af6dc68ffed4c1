import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connectionTokens, endToEnd, endToEndMap, hopByHopAnd, isHopByHop } from './hop-by-hop.js';

describe('isHopByHop', () => {
  it.each([
    ['connection', true],
    ['keep-alive', true],
    ['proxy-authorization', true],
    ['transfer-encoding', true],
    ['upgrade', true],
    ['content-type', false],
    ['x-call-id', false],
  ])('%s → %s', (name, expected) => {
    expect(isHopByHop(name)).toBe(expected);
  });
});

describe('endToEndMap', () => {
  it('drops every hop-by-hop header and those the Connection header names', () => {
    const out = endToEndMap({
      connection: 'keep-alive, X-Private',
      'keep-alive': 'timeout=5',
      'proxy-authorization': 'Basic x',
      te: 'trailers',
      trailer: 'x',
      upgrade: 'h2c',
      'x-private': 'secret',
      'content-type': 'text/plain',
      'x-call-id': 'abc',
    });
    expect(out).toEqual({ 'content-type': 'text/plain', 'x-call-id': 'abc' });
  });

  it('drops the extra names of a hop, whatever their case, and keeps every value of the rest', () => {
    const out = endToEndMap(
      { Host: ['gw'], 'Content-Length': ['3'], 'X-Tag': ['a', 'b'], 'transfer-encoding': ['chunked'] },
      hopByHopAnd('host', 'content-length'),
    );
    expect(out).toEqual({ 'X-Tag': ['a', 'b'] });
  });
});

describe('endToEnd', () => {
  const raw = ['Host', 'h', 'Connection', 'close, X-Hop', 'X-Hop', '1', 'TE', 'trailers', 'Accept', '*/*'];

  it('drops hop-by-hop fields and those Connection names from a flat list, keeping order and case', () => {
    expect(endToEnd(raw)).toEqual(['Host', 'h', 'Accept', '*/*']);
  });

  it('appends to `out`, honours an extra drop list and asks `keep` about each lower-case name', () => {
    const seen: string[] = [];
    const out = endToEnd(raw, hopByHopAnd('host'), ['X-First', '1'], (name) => {
      seen.push(name);
      return true;
    });
    expect(out).toEqual(['X-First', '1', 'Accept', '*/*']);
    expect(seen).toEqual(['accept']);
  });

  it('reads the tokens of every Connection field', () => {
    expect([...(connectionTokens(['connection', 'A', 'CONNECTION', ' b , ']) ?? [])]).toEqual(['a', 'b']);
    expect(connectionTokens(['Accept', '*/*'])).toBeUndefined();
  });
});

describe('the module', () => {
  it('imports no node: module, so the watchdog’s Bun bundle can use it', () => {
    const source = readFileSync(fileURLToPath(new URL('./hop-by-hop.ts', import.meta.url)), 'utf8');
    expect(source).toMatch(/from '@faas\/contracts'/);
    expect(source).not.toMatch(/from 'node:/);
  });
});
