import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { splitTarget } from './cgi-env.js';
import { sendText } from './runner.js';
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
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'Method not allowed.\n', true);
    let path: string;
    try {
      path = decodeURIComponent(splitTarget(req.url ?? '/').path);
    } catch {
      return sendText(res, 400, 'Bad path.\n', true);
    }
    let file = resolve(join(this.root, path));
    if (file !== this.root && !file.startsWith(this.root + sep)) return sendText(res, 404, 'Not found.\n');
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
      return sendText(res, 404, 'Not found.\n');
    }
  }
}
