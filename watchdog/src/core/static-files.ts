// static mode's decisions, for both runtimes: which calls are served, and which file a path names.
import { splitTarget } from '../cgi-env.js';
import { answers } from './answers.js';
import type { Answer } from './answers.js';

/**
 * The path under `static_path` a call asks for (`/`-prefixed, `''` for the root, dot segments
 * resolved), or the answer when it cannot be served: 405 (not GET or HEAD), 400 (a path that does
 * not decode), 404 (a path that climbs above the root).
 */
export function staticPath(method: string, target: string): { path: string } | { answer: Answer } {
  if (method !== 'GET' && method !== 'HEAD') return { answer: answers.methodNotAllowed() };
  let decoded: string;
  try {
    decoded = decodeURIComponent(splitTarget(target).path);
  } catch {
    return { answer: answers.badPath() };
  }
  const path = insideRoot(decoded);
  return path === undefined ? { answer: answers.notFound() } : { path };
}

/**
 * The path with `.` and `..` segments resolved, `/`-prefixed, or undefined when it climbs above
 * the root (node:path's resolve would cost the Bun runtime ~2 MB of resident memory).
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
