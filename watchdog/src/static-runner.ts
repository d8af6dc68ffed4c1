import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { answers } from './core/answers.js';
import { staticPath } from './core/static-files.js';
import { sendAnswer } from './runner.js';
import type { FunctionRunner, RunnerDeps } from './runner.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** static mode: serves the files under `static_path` (`index.html` for a directory); no process. */
export class StaticRunner implements FunctionRunner {
  private readonly root: string;

  constructor(private readonly deps: RunnerDeps) {
    this.root = resolve(deps.config.staticPath);
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  ready(): boolean {
    return true;
  }

  async run(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const wanted = staticPath(req.method ?? 'GET', req.url ?? '/');
    if ('answer' in wanted) return sendAnswer(res, wanted.answer);
    let file = this.root + wanted.path;
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
      this.deps.logger.debug(`Served ${file}`);
      return 200;
    } catch {
      return sendAnswer(res, answers.notFound());
    }
  }
}
