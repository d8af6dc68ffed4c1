import { upstreamRequestHeaders } from './forward-headers.js';

describe('upstreamRequestHeaders', () => {
  it('adds X-Forwarded-Host and X-Forwarded-For when absent', () => {
    expect(upstreamRequestHeaders({ host: 'gw:8080' }, '10.0.0.1')).toEqual({
      host: 'gw:8080',
      'x-forwarded-host': 'gw:8080',
      'x-forwarded-for': '10.0.0.1',
    });
  });

  it('keeps X-Forwarded-* the caller already set', () => {
    const out = upstreamRequestHeaders(
      { host: 'p:8081', 'x-forwarded-host': 'public', 'x-forwarded-for': '1.2.3.4' },
      '127.0.0.1',
    );
    expect(out['x-forwarded-host']).toBe('public');
    expect(out['x-forwarded-for']).toBe('1.2.3.4');
  });

  it('re-frames a chunked body as chunked on the new hop', () => {
    expect(upstreamRequestHeaders({ 'transfer-encoding': 'chunked' }, undefined)['transfer-encoding']).toBe(
      'chunked',
    );
    expect(
      upstreamRequestHeaders({ 'transfer-encoding': 'chunked', 'content-length': '3' }, undefined)[
        'transfer-encoding'
      ],
    ).toBeUndefined();
  });
});
