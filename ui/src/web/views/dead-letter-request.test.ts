import { bodyPreview } from './dead-letter-request.js';

describe('a dead letter’s body in words', () => {
  const b64 = (bytes: string | number[]) =>
    btoa(typeof bytes === 'string' ? bytes : String.fromCharCode(...bytes));
  it.each([
    [b64('hello'), 'hello'],
    ['', 'empty'],
    [b64([0, 1, 2, 255]), '4 B, binary'],
    [b64([1, 2, 3]), '3 B, binary'],
    ['***', 'unreadable (not base64)'],
  ])('shows %j as %j', (body, shown) => {
    expect(bodyPreview(body)).toBe(shown);
  });

  it('shortens a long text body and says its size', () => {
    const shown = bodyPreview(b64('x'.repeat(2048)));
    expect(shown).toBe(`${'x'.repeat(500)}… (2.0 KiB)`);
  });
});
