import { quantityValue, sameQuantity, toKubernetesMemory } from './quantity.js';

describe('toKubernetesMemory', () => {
  it.each([
    ['128Mi', '128Mi'],
    ['1Gi', '1Gi'],
    ['1G', '1G'],
    ['500k', '500k'],
    ['1048576', '1048576'],
    ['128m', '128Mi'],
    ['1g', '1Gi'],
    ['1.5g', '1.5Gi'],
    ['512mb', '512Mi'],
    ['512MB', '512Mi'],
    ['64K', '64Ki'],
    ['2kb', '2Ki'],
    ['4096b', '4096'],
    ['2t', '2Ti'],
  ])('reads %s as %s', (raw, expected) => {
    expect(toKubernetesMemory(raw)).toBe(expected);
  });
});

describe('quantityValue', () => {
  it.each([
    ['500m', 0.5],
    ['0.5', 0.5],
    ['1', 1],
    ['1k', 1000],
    ['1Ki', 1024],
    ['1536Mi', 1536 * 2 ** 20],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['1e3', 1000],
    ['250u', 0.00025],
    ['12x', Number.NaN],
  ])('reads %s as %d', (raw, expected) => {
    expect(quantityValue(raw)).toBe(expected);
  });
});

describe('sameQuantity', () => {
  it.each([
    ['0.5', '500m', true],
    ['1.5Gi', '1536Mi', true],
    ['1000m', '1', true],
    ['128Mi', '128M', false],
    ['odd', 'odd', true],
    ['odd', 'other', false],
  ])('%s and %s are the same amount: %s', (a, b, expected) => {
    expect(sameQuantity(a, b)).toBe(expected);
  });
});
