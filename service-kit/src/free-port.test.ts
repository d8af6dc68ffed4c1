import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ephemeralLow, freePort, freePorts } from './free-port.js';

describe('freePorts', () => {
  it('draws ports below the ephemeral range (the kernel never hands those out) and the NodePort range', async () => {
    const low = Math.min(ephemeralLow(), 30_000);
    const ports = await freePorts(50);
    expect(new Set(ports).size).toBe(50);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(low);
    }
  });

  it('gives a port a server can then listen on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads the range from the kernel, and falls back to Linux’s default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ports-'));
    writeFileSync(join(dir, 'range'), '20000\t60999\n');
    expect(ephemeralLow(join(dir, 'range'))).toBe(20_000);
    writeFileSync(join(dir, 'odd'), 'x\n');
    expect(ephemeralLow(join(dir, 'odd'))).toBe(32_768);
    expect(ephemeralLow(join(dir, 'missing'))).toBe(32_768);
  });
});
