import { FaasError } from '@faas/contracts';
import { memoryBytes, nanoCpus } from './units.js';

const Mi = 1024 * 1024;

describe('memoryBytes', () => {
  it.each([
    ['128Mi', 128 * Mi],
    ['128m', 128 * Mi],
    ['128M', 128 * Mi],
    ['128MiB', 128 * Mi],
    ['128mb', 128 * Mi],
    ['1Gi', 1024 * Mi],
    ['1g', 1024 * Mi],
    ['0.5Gi', 512 * Mi],
    ['512Ki', 512 * 1024],
    ['1073741824', 1073741824],
    ['7340032b', 7340032],
  ])('reads %s as %d bytes, as Docker does', (quantity, bytes) => {
    expect(memoryBytes(quantity, 'limits.memory')).toBe(bytes);
  });

  it.each(['', 'lots', '12x', '-1Mi', 'Mi', '1.2.3Mi'])(
    'refuses %j with 400 naming the field',
    (quantity) => {
      let error: unknown;
      try {
        memoryBytes(quantity, 'limits.memory');
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(FaasError);
      expect((error as FaasError).status).toBe(400);
      expect((error as FaasError).message).toContain('limits.memory');
    },
  );
});

describe('nanoCpus', () => {
  it.each([
    ['0.5', 500_000_000],
    ['500m', 500_000_000],
    ['1', 1_000_000_000],
    ['2.25', 2_250_000_000],
    ['100m', 100_000_000],
    ['.1', 100_000_000],
    ['1m', 1_000_000],
  ])('reads %s as %d NanoCPUs', (quantity, nano) => {
    expect(nanoCpus(quantity, 'limits.cpu')).toBe(nano);
  });

  it.each(['', 'half', '1.5m', '-1', '0.0000001'])('refuses %j with 400 naming the field', (quantity) => {
    expect(() => nanoCpus(quantity, 'requests.cpu')).toThrow(/requests\.cpu/);
  });
});
