import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStack } from '../src/stack/parse-stack.js';
import { runFaas } from './run-faas.js';

const project = () => mkdtempSync(join(tmpdir(), 'faas-new-'));

describe('faas template list', () => {
  it('lists the four shipped templates with their mode', async () => {
    const run = await runFaas(['template', 'list'], { cwd: project() });
    expect(run.code).toBe(0);
    const rows = run.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s{2,}/).slice(0, 2));
    expect(rows).toEqual([
      ['Language', 'Mode'],
      ['bash', 'classic'],
      ['dockerfile', '-'],
      ['node', 'http'],
      ['python3', 'classic'],
    ]);
  });

  it("prefers a project's ./template/<lang> over the shipped one, as faas-cli does", async () => {
    const dir = project();
    mkdirSync(join(dir, 'template', 'node', 'function'), { recursive: true });
    writeFileSync(
      join(dir, 'template', 'node', 'template.yml'),
      'language: node\ndescription: our own node\nfprocess: node main.js\n',
    );
    const run = await runFaas(['template', 'list', '--json'], { cwd: dir });
    const node = (JSON.parse(run.stdout) as { language: string; description: string }[]).find(
      (t) => t.language === 'node',
    );
    expect(node?.description).toBe('our own node');
  });
});

describe('faas new', () => {
  it('writes the handler folder and a stack.yml that parses into the function', async () => {
    const dir = project();
    const run = await runFaas(['new', 'hello', '--lang', 'node', '-g', 'http://gw:8080'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Function hello \(node\) created in hello\/\nCreated stack.yml\n/);
    expect(readFileSync(join(dir, 'hello', 'handler.js'), 'utf8')).toContain(
      'export default async (event, context)',
    );
    expect(existsSync(join(dir, 'hello', 'template.yml'))).toBe(false);
    expect(readFileSync(join(dir, 'stack.yml'), 'utf8')).toBe(
      'version: 1.0\nprovider:\n  name: openfaas\n  gateway: http://gw:8080\nfunctions:\n  hello:\n    lang: node\n    handler: ./hello\n    image: hello:latest\n',
    );
    const stack = parseStack(readFileSync(join(dir, 'stack.yml'), 'utf8'), {
      path: join(dir, 'stack.yml'),
      env: {},
    });
    expect(stack.functions).toEqual([
      {
        name: 'hello',
        lang: 'node',
        handler: './hello',
        handlerPath: join(dir, 'hello'),
        image: 'hello:latest',
        line: 6,
      },
    ]);
  });

  it('adds to an existing stack file, keeping its comments, with --prefix in the image', async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'stack.yml'),
      '# our functions\nversion: 1.0\nfunctions:\n  cat:\n    image: cat # the classic\n',
    );
    const run = await runFaas(['new', 'greet', '--lang', 'bash', '--prefix', 'registry:5000/team/'], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'stack.yml'), 'utf8')).toBe(
      '# our functions\nversion: 1.0\nfunctions:\n  cat:\n    image: cat # the classic\n  greet:\n    lang: bash\n    handler: ./greet\n    image: registry:5000/team/greet:latest\n',
    );
    expect(statSync(join(dir, 'greet', 'handler.sh')).mode & 0o111).not.toBe(0);
  });

  it('writes handler.py, requirements.txt and __init__.py for python3', async () => {
    const dir = project();
    await runFaas(['new', 'py', '--lang', 'python3', '-f', 'functions.yml'], { cwd: dir });
    expect(readFileSync(join(dir, 'py', 'handler.py'), 'utf8')).toContain('def handle(req):');
    expect(existsSync(join(dir, 'py', 'requirements.txt'))).toBe(true);
    expect(existsSync(join(dir, 'py', '__init__.py'))).toBe(true);
    expect(readFileSync(join(dir, 'functions.yml'), 'utf8')).toContain('  py:\n    lang: python3\n');
  });

  it.each([
    ['node', 'Write your function in hello/handler.js; dependencies go in hello/package.json.'],
    ['python3', 'Write your function in hello/handler.py; list packages in hello/requirements.txt.'],
    ['bash', 'Write your function in hello/handler.sh (stdin → stdout).'],
    [
      'dockerfile',
      'Edit hello/Dockerfile; any image that serves HTTP on port 8080 is a function. It runs on Docker Swarm or Kubernetes; the local provider of `npm start` runs processes, not images.',
    ],
  ])('points the %s notes at the handler folder it wrote', async (lang, notes) => {
    const dir = project();
    const run = await runFaas(['new', 'hello', '--lang', lang], { cwd: dir });
    expect(run.stdout).toBe(
      `Function hello (${lang}) created in hello/\nCreated stack.yml\n${notes}\nNext: faas up\n`,
    );
    const elsewhere = await runFaas(['new', 'other', '--lang', lang, '--handler', 'fns/other', '-q'], {
      cwd: dir,
    });
    expect(elsewhere.stdout).toBe(
      `Function other (${lang}) created in fns/other/\nUpdated stack.yml\nNext: faas up\n`,
    );
  });

  it("takes faas-cli's --list, --append and resource flags", async () => {
    const dir = project();
    const list = await runFaas(['new', '--list'], { cwd: dir });
    expect(list).toEqual({
      code: 0,
      stdout: 'Languages available as templates:\n- bash\n- dockerfile\n- node\n- python3\n',
      stderr: '',
    });
    const missing = await runFaas(['new', 'a', '--lang', 'bash', '--append', 'fns.yml'], { cwd: dir });
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'error: --append fns.yml: no such stack file (-f FILE creates one)\n',
    });
    writeFileSync(join(dir, 'fns.yml'), 'version: 1.0\nfunctions: {}\n');
    const run = await runFaas(
      ['new', 'a', '--lang', 'bash', '-a', 'fns.yml', '--memory-limit', '128Mi', '--cpu-request', '100m'],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nNext: faas up -f fns.yml\n$/);
    const stack = parseStack(readFileSync(join(dir, 'fns.yml'), 'utf8'), {
      path: join(dir, 'fns.yml'),
      env: {},
    });
    expect(stack.functions[0]).toMatchObject({ limits: { memory: '128Mi' }, requests: { cpu: '100m' } });
    expect(existsSync(join(dir, 'stack.yml'))).toBe(false);
  });

  it.each([
    [['new', 'Hello', '--lang', 'node'], 2, /function name "Hello" must be lower-case letters/],
    [['new', 'hello'], 2, /missing --lang LANG/],
    [
      ['new', 'hello', '--lang', 'cobol'],
      2,
      /no template "cobol"; available: bash, dockerfile, node, python3/,
    ],
  ])('refuses %j', async (args, code, message) => {
    const dir = project();
    const run = await runFaas(args, { cwd: dir });
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(dir, 'stack.yml'))).toBe(false);
  });

  it('refuses a name already in the stack file or an existing folder, changing nothing', async () => {
    const dir = project();
    await runFaas(['new', 'hello', '--lang', 'node'], { cwd: dir });
    const before = readFileSync(join(dir, 'stack.yml'), 'utf8');
    const again = await runFaas(['new', 'hello', '--lang', 'bash', '--handler', 'other'], { cwd: dir });
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: function hello is already in the stack file\n',
    });
    const folder = await runFaas(['new', 'other', '--lang', 'bash', '--handler', 'hello'], { cwd: dir });
    expect(folder.stderr).toBe('error: hello already exists; choose another name or --handler\n');
    expect(readFileSync(join(dir, 'stack.yml'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'other'))).toBe(false);
  });
});
