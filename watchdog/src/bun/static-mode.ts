import { staticPath } from '../core/static-files.js';
import { answers } from '../core/answers.js';
import { requestTarget } from './request-head.js';
import { toResponse } from './runner.js';
import type { BunAnswer, BunCall, BunRunner, BunRunnerDeps } from './runner.js';

/** static mode on Bun: the files under `static_path` (`index.html` for a directory); no process. */
export class BunStaticRunner implements BunRunner {
  private readonly root: string;

  constructor(private readonly deps: BunRunnerDeps) {
    const path = deps.config.staticPath.replace(/\/+$/, '');
    this.root = path.startsWith('/') ? path : `${process.cwd()}/${path}`;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  ready(): boolean {
    return true;
  }

  async run({ req }: BunCall): Promise<BunAnswer> {
    const wanted = staticPath(req.method, requestTarget(req.url));
    if ('answer' in wanted) return toResponse(wanted.answer);
    let file = this.root + wanted.path;
    try {
      let stat = await Bun.file(file).stat();
      if (stat.isDirectory()) {
        file = `${file}/index.html`;
        stat = await Bun.file(file).stat();
      }
      this.deps.logger.debug(`Served ${file}`);
      // Bun.file picks the Content-Type from the extension and sends the file with sendfile(2).
      return {
        status: 200,
        response: new Response(req.method === 'HEAD' ? null : Bun.file(file), {
          status: 200,
          headers: req.method === 'HEAD' ? { 'Content-Length': String(stat.size) } : {},
        }),
      };
    } catch {
      return toResponse(answers.notFound());
    }
  }
}
