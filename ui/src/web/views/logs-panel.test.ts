import { readableText } from './logs-panel.js';

describe('log lines', () => {
  it.each([
    ['plain text', 'plain text'],
    ['{"level":30,"msg":"Forking fprocess."}', 'Forking fprocess.'],
    ['{"level":40,"msg":"slow"}', 'warn: slow'],
    ['{"level":50,"msg":"crashed"}', 'error: crashed'],
    ['{"no":"msg"}', '{"no":"msg"}'],
    ['{broken', '{broken'],
  ])('shows %j as %j', (text, shown) => {
    expect(readableText(text)).toBe(shown);
  });
});
