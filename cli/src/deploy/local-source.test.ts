import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchoredFprocess } from './local-source.js';

describe('anchoredFprocess', () => {
  const folder = mkdtempSync(join(tmpdir(), 'faas-anchor-'));
  mkdirSync(join(folder, 'function'));
  writeFileSync(join(folder, 'index.js'), '');
  writeFileSync(join(folder, 'function', 'handler.sh'), '');

  it.each([
    ['node index.js', `node ${folder}/index.js`],
    ['bash function/handler.sh', `bash ${folder}/function/handler.sh`],
    ['node --max-old-space-size=64 index.js', `node --max-old-space-size=64 ${folder}/index.js`],
    ['cat', 'cat'],
    ['python3 missing.py', 'python3 missing.py'],
    ['node /abs/index.js', 'node /abs/index.js'],
  ])('turns %j into %j', (fprocess, expected) => {
    expect(anchoredFprocess(fprocess, folder)).toBe(expected);
  });

  it('keeps relative paths for a folder with whitespace (the watchdog splits on spaces)', () => {
    expect(anchoredFprocess('node index.js', '/my functions/build/x')).toBe('node index.js');
  });
});
