import { plainAddress } from './address.js';

describe('plainAddress', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:10.1.2.3', '10.1.2.3'],
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '::1'],
    ['fe80::1', 'fe80::1'],
    ['::ffff:7f00:1', '::ffff:7f00:1'],
  ])('writes %s as %s', (raw, plain) => {
    expect(plainAddress(raw)).toBe(plain);
  });

  it('leaves an unknown peer unknown', () => {
    expect(plainAddress(undefined)).toBeUndefined();
  });
});
