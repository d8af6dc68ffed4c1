import { splitTarget } from '../cgi-env.js';
import { requestTarget } from './request-head.js';
import { textAnswer } from './runner.js';
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
    if (req.method !== 'GET' && req.method !== 'HEAD') return textAnswer(405, 'Method not allowed.\n', true);
    let path: string;
    try {
      path = decodeURIComponent(splitTarget(requestTarget(req.url)).path);
    } catch {
      return textAnswer(400, 'Bad path.\n', true);
    }
    const inside = insideRoot(path);
    if (inside === undefined) return textAnswer(404, 'Not found.\n');
    let file = this.root + inside;
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
      return textAnswer(404, 'Not found.\n');
    }
  }
}

/**
 * The path with `.` and `..` segments resolved, `/`-prefixed, or undefined when it climbs above
 * the root (node:path's resolve would cost this runtime ~2 MB of resident memory).
 */
export function insideRoot(path: string): string | undefined {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    else if (segments.pop() === undefined) return undefined;
  }
  return segments.length === 0 ? '' : `/${segments.join('/')}`;
}
