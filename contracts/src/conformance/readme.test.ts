import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { conformanceCases } from './cases/index.js';

describe('contracts/README.md', () => {
  const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md'), 'utf8');
  it.each(conformanceCases.map((c) => [c.id]))('lists the case %s for provider authors', (id) => {
    expect(readme).toContain(`| \`${id}\` |`);
  });
});
