// What a provider finds at start after a crash, an older version or a second start: a locked data
// directory, leftovers, a broken state file, an entry that can never start.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryLogger } from '@faas/service-kit';
import { loadLocalProviderConfig } from '../src/config.js';
import { createLocalProvider } from '../src/create-local-provider.js';
import { startProvider, tempDataDir } from './start-provider.js';
import { alive, available, replicaPids, status, system } from './helpers.js';

const stored = (service: string, envVars: Record<string, string> = {}) => ({
  deployment: { service, image: 'local/env', envProcess: 'env', envVars },
  namespace: 'openfaas-fn',
  replicas: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
});

async function writeState(dataDir: string, functions: unknown[]): Promise<void> {
  await writeFile(join(dataDir, 'state.json'), JSON.stringify({ version: 1, functions }));
}

/** Starts a provider on `dataDir` expecting it to fail; returns the error. */
async function failedStart(dataDir: string): Promise<Error> {
  const config = loadLocalProviderConfig({ data_dir: dataDir, port: '0' });
  return createLocalProvider(config, { logger: new MemoryLogger() }).then(
    async (p) => {
      await p.close();
      throw new Error('expected the start to fail');
    },
    (err: Error) => err,
  );
}

describe('a second provider on the same data directory', () => {
  it('refuses to start with a sentence naming the directory and its owner, and touches nothing', async () => {
    const dataDir = await tempDataDir();
    const first = await startProvider({}, dataDir);
    try {
      await system(first, 'POST', '/system/functions', { service: 'kept', image: 'i', envProcess: 'env' });
      await available(first, 'kept', 1);
      const pids = await replicaPids(first, 'kept');
      const state = await readFile(join(dataDir, 'state.json'), 'utf8');
      const error = await failedStart(dataDir);
      expect(error.message).toBe(
        `the data directory ${dataDir} is in use by process ${process.pid} (another faas or provider-local); stop that one first, or give this one its own data_dir (faas_state_dir for npm start)`,
      );
      expect(pids.every(alive)).toBe(true);
      expect(await replicaPids(first, 'kept')).toEqual(pids);
      expect(await readFile(join(dataDir, 'state.json'), 'utf8')).toBe(state);
      expect((await status(first, 'kept')).availableReplicas).toBe(1);
    } finally {
      await first.destroy();
    }
  });
});

describe('starting after an interrupted run', () => {
  it("removes temp files of atomic writes and the watchdogs' lock files", async () => {
    const dataDir = await tempDataDir();
    const leftovers = [
      'state.json.1a2b3c4d.tmp',
      '.0123456789ab.tmp',
      'secrets/openfaas-fn/api-key.0badc0de.tmp',
      'functions/openfaas-fn/f/secrets/api-key.12345678.tmp',
      'run/f-abc123.lock',
    ];
    for (const file of leftovers) {
      await mkdir(join(dataDir, file, '..'), { recursive: true });
      await writeFile(join(dataDir, file), 'left over');
    }
    await writeFile(join(dataDir, 'secrets/openfaas-fn/api-key'), 'kept');
    const p = await startProvider({}, dataDir);
    try {
      for (const file of leftovers) {
        await expect(readFile(join(dataDir, file))).rejects.toThrow(/ENOENT/);
      }
      expect(await readFile(join(dataDir, 'secrets/openfaas-fn/api-key'), 'utf8')).toBe('kept');
      expect(
        p.logger.entries.find((e) => e.msg === 'removed files left by an interrupted run'),
      ).toBeDefined();
    } finally {
      await p.destroy();
    }
  });

  it.each([
    ['an empty', '', 'is empty'],
    ['a truncated', '{"version":1,"functions":[{"deployment":{"serv', 'is not valid JSON, perhaps cut short'],
    [
      'a foreign',
      '{"version":7,"functions":[]}',
      'is not a state file this provider understands (version 7)',
    ],
  ])('stops with an error naming %s state file, and starts nothing', async (_what, text, problem) => {
    const dataDir = await tempDataDir();
    await writeFile(join(dataDir, 'state.json'), text);
    const error = await failedStart(dataDir);
    expect(error.message).toContain(`${join(dataDir, 'state.json')}: ${problem}`);
    expect(error.message).toMatch(/Nothing was started; move the file aside to start without its functions/);
    expect(await readFile(join(dataDir, 'state.json'), 'utf8')).toBe(text);
    expect(await readdir(join(dataDir, 'run')).catch(() => [])).toEqual([]);
    // The lock went with the failed start: a fixed file starts.
    await writeState(dataDir, []);
    const p = await startProvider({}, dataDir);
    await p.destroy();
  });

  it('skips and reports an entry an older version wrote with a NUL, restores the others, and keeps the skipped one aside', async () => {
    const dataDir = await tempDataDir();
    const bad = stored('nul', { X: 'a\u0000b' });
    await writeState(dataDir, [bad, stored('good'), 'not an entry']);
    const p = await startProvider({}, dataDir);
    try {
      await available(p, 'good', 1);
      const listed = (await (await system(p, 'GET', '/system/functions')).json()) as { name: string }[];
      expect(listed.map((f) => f.name)).toEqual(['good']);
      const errors = p.logger.entries.filter((e) => e.level === 'error').map((e) => e.msg);
      expect(errors).toEqual([
        `${join(dataDir, 'state.json')}: function "nul" cannot be restored and was not started: invalid function deployment: envVars.X: value must not contain control characters other than tab and line breaks (found U+0000 at character 2). Its entry is kept in ${join(dataDir, 'state-skipped.json')}`,
        `${join(dataDir, 'state.json')}: function (unnamed) cannot be restored and was not started: not an object. Its entry is kept in ${join(dataDir, 'state-skipped.json')}`,
      ]);
      const state = JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8')) as {
        functions: unknown[];
      };
      expect(state.functions).toHaveLength(1);
      const aside = JSON.parse(await readFile(join(dataDir, 'state-skipped.json'), 'utf8')) as {
        entry: unknown;
      }[];
      expect(aside.map((s) => s.entry)).toEqual([bad, 'not an entry']);
      // The name is free again: a good deployment of it works.
      const again = await system(p, 'POST', '/system/functions', {
        service: 'nul',
        image: 'i',
        envProcess: 'env',
      });
      expect(again.status).toBe(202);
      await available(p, 'nul', 1);
    } finally {
      await p.destroy();
    }
  });
});
