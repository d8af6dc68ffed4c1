import { substitute } from './substitute.js';

const env = { USER: 'alice', EMPTY: '', PORT: '8080' };

describe('substitute', () => {
  it.each([
    ['plain text', 'plain text'],
    ['${USER}', 'alice'],
    ['${MISSING}', ''],
    ['${MISSING:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${MISSING-fallback}', 'fallback'],
    ['${USER:-fallback}', 'alice'],
    ['registry:${PORT}/${USER}/fn:${TAG:-latest}', 'registry:8080/alice/fn:latest'],
    ['cost $5 and $$USER', 'cost $5 and $USER'],
    ['$USER stays', '$USER stays'],
    ['${unterminated', '${unterminated'],
  ])('turns %j into %j', (input, expected) => {
    expect(substitute(input, env)).toEqual({ value: expected, problems: [] });
  });

  it.each([
    ['${MISSING:?set MISSING first}', 'MISSING: set MISSING first'],
    ['${EMPTY:?}', 'EMPTY is not set'],
    ['${MISSING?}', 'MISSING is not set'],
  ])('reports %j as a problem', (input, problem) => {
    expect(substitute(input, env)).toEqual({ value: '', problems: [problem] });
  });

  it('accepts an empty value for ${VAR?} when the variable is set', () => {
    expect(substitute('${EMPTY?}', env)).toEqual({ value: '', problems: [] });
  });
});
