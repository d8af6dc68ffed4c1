import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeConfig } from '@faas/service-kit';
import { localProviderSettings } from './config.js';

describe('localProviderSettings', () => {
  it('is documented in the README exactly as the table describes it', () => {
    const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');
    expect(readme).toContain(describeConfig(localProviderSettings));
  });
});
