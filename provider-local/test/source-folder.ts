// A source folder as `faas up` writes it for the local provider: a tiny http-mode node handler.
import { mkdir, mkdtemp, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the fixture handler answers: who it is and what it read from its folder. */
export interface HandlerAnswer {
  /** Which version of the code answered. */
  version: string;
  /** `greeting.txt`, read relative to the working directory at each request; null when absent. */
  greeting: string | null;
  /** The handler's working directory. */
  cwd: string;
  /** The port it listens on (the port of `$upstream_url`). */
  port: number;
  /** `$upstream_url` as the handler sees it. */
  upstream: string;
  pid: number;
}

/** The handler: listens on the port of `$upstream_url`, answers a HandlerAnswer per request. */
const handler = (version: string): string => `
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const upstream = process.env.upstream_url;
const port = Number(new URL(upstream).port);
createServer((req, res) => {
  let greeting = null;
  try { greeting = readFileSync('greeting.txt', 'utf8').trim(); } catch {}
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ version: ${JSON.stringify(version)}, greeting, cwd: process.cwd(), port, upstream, pid: process.pid }));
}).listen(port, '127.0.0.1');
`;

/** A temporary parent holding `build/<name>/`, the folder a source deploy names. */
export async function sourceParent(): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), 'faas-source-')));
}

/**
 * Writes `<parent>/build/<name>/` (handler.mjs, greeting.txt) the way the CLI does: into a sibling
 * temporary folder, swapped in with rename, the previous folder removed. Returns the folder.
 */
export async function writeSource(
  parent: string,
  name: string,
  version: string,
  greeting: string,
): Promise<string> {
  const build = join(parent, 'build');
  const dir = join(build, name);
  const next = join(build, `.${name}.next`);
  const old = join(build, `.${name}.old`);
  await mkdir(next, { recursive: true });
  await writeFile(join(next, 'handler.mjs'), handler(version));
  await writeFile(join(next, 'greeting.txt'), `${greeting}\n`);
  await rename(dir, old).catch(() => undefined);
  await rename(next, dir);
  await rm(old, { recursive: true, force: true });
  return dir;
}
