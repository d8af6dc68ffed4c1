import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCli, runCli } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'conformance-cli-'));
const passwordFile = join(dir, 'password');
writeFileSync(passwordFile, 's3cret\n');

describe('parseCli', () => {
  it('reads the URL, credentials from a file, namespace, skips with reasons and only', () => {
    const options = parseCli([
      '--url',
      'http://127.0.0.1:8081',
      '--password-file',
      passwordFile,
      '--namespace',
      'team-a',
      '--skip',
      'logs-follow=no streaming through our load balancer',
      '--only',
      'healthz',
      '--ready-timeout',
      '5',
    ]);
    expect(options).toMatchObject({
      baseUrl: 'http://127.0.0.1:8081',
      auth: { user: 'admin', password: 's3cret' },
      namespace: 'team-a',
      skip: [{ tests: ['logs-follow'], reason: 'no streaming through our load balancer' }],
      only: ['healthz'],
      readyTimeoutMs: 5000,
    });
  });

  it('builds the container preset from --image', () => {
    const options = parseCli(['--url', 'http://p:8080', '--functions', 'container', '--image', 'reg/fn:1']);
    expect(options).not.toBe('list');
    expect((options as { functions: { secretReader: unknown } }).functions.secretReader).toEqual({
      image: 'reg/fn:1',
      envProcess: 'cat /var/openfaas/secrets/{{secret}}',
    });
  });

  it('reads function specs from a JSON file', () => {
    const file = join(dir, 'functions.json');
    const specs = {
      env: { image: 'a', envProcess: 'env' },
      secretReader: { image: 'a', envProcess: 'cat /s/{{secret}}' },
      redirect: { image: 'a', envProcess: 'r', path: '/x' },
    };
    writeFileSync(file, JSON.stringify(specs));
    expect(parseCli(['--url', 'http://p', '--functions', file])).toMatchObject({ functions: specs });
  });
});

describe('runCli', () => {
  it.each([
    [[], '--url is required'],
    [['--url', 'http://p', '--skip', 'healthz'], 'write --skip <id>=<reason>'],
    [['--url', 'http://p', '--functions', 'container'], 'needs --image'],
    [['--url', 'http://p', '--only', 'nope'], 'no case named nope'],
    [['--url', 'http://p', '--ready-timeout', 'soon'], 'give seconds'],
  ])('exits 2 for %j, saying %s', async (argv, message) => {
    const lines: string[] = [];
    expect(await runCli(argv, (l) => lines.push(l))).toBe(2);
    expect(lines.join('\n')).toContain(message);
  });

  it('lists the cases', async () => {
    const lines: string[] = [];
    expect(await runCli(['--list'], (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/^healthz\s+GET \/healthz answers 200/);
  });

  it('prints each case and a closing count, exiting 1 when a case fails', async () => {
    const lines: string[] = [];
    const code = await runCli(['--url', 'http://127.0.0.1:1', '--only', 'healthz'], (l) => lines.push(l));
    expect(code).toBe(1);
    expect(lines[0]).toBe('faas-conformance: http://127.0.0.1:1');
    expect(lines[1]).toMatch(/^ {2}✗ healthz: GET \/healthz answers 200 without credentials\n {6}\S/);
    expect(lines.at(-1)).toBe('0 passed, 1 failed');
  });
});
