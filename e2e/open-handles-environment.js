// The e2e suites' test environment: Node's, plus a check that a suite leaves nothing behind that
// would keep the one shared Jest process (--runInBand) from exiting: a child process, a socket, a
// server, a ref'd timer. What was there when the suite started is not its doing; what it started
// gets a grace period to finish closing. A leftover fails the suite, named.
import { setTimeout } from 'node:timers/promises';
import { TestEnvironment as NodeEnvironment } from 'jest-environment-node';

const GRACE_MS = Number(process.env.FAAS_E2E_HANDLE_GRACE_MS ?? 10_000);

/** Active resources by type (`TCPWrap`, `ProcessWrap`, `Timeout`…): what keeps the event loop alive. */
function resourceCounts() {
  const counts = new Map();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

/** What `now` has beyond `before`, per type. */
function extra(before, now) {
  const out = [];
  for (const [type, n] of now)
    if (n > (before.get(type) ?? 0)) out.push(`${n - (before.get(type) ?? 0)} ${type}`);
  return out;
}

/** One line per handle that was not there before: what it is, and where it points. */
function describeHandles(before) {
  return process
    ._getActiveHandles()
    .filter((h) => !before.has(h) && (typeof h.hasRef !== 'function' || h.hasRef()))
    .map((h) => {
      const kind = h?.constructor?.name ?? typeof h;
      if (kind === 'ChildProcess') return `child process ${h.pid}: ${h.spawnargs?.join(' ')}`;
      if (kind === 'Server') return `server listening on ${JSON.stringify(h.address?.())}`;
      if (kind === 'Socket' && h.remotePort)
        return `socket ${h.localPort} -> ${h.remoteAddress}:${h.remotePort}`;
      if (kind === 'Socket') return `socket (pipe, fd ${h._handle?.fd ?? '?'})`;
      return kind;
    });
}

export default class OpenHandlesEnvironment extends NodeEnvironment {
  async handleTestEvent(event, state) {
    if (event.name === 'run_start') {
      this.before = resourceCounts();
      this.beforeHandles = new Set(process._getActiveHandles());
    }
    if (event.name !== 'run_finish' || !this.before) return;
    const deadline = Date.now() + GRACE_MS;
    let left = extra(this.before, resourceCounts());
    while (left.length > 0 && Date.now() < deadline) {
      await setTimeout(100);
      left = extra(this.before, resourceCounts());
    }
    if (left.length === 0) return;
    const handles = describeHandles(this.beforeHandles);
    state.unhandledErrors.push(
      new Error(
        `the suite left ${left.join(', ')} open ${GRACE_MS} ms after its last hook: they keep Jest from exiting` +
          (handles.length > 0 ? `\n  ${handles.join('\n  ')}` : ''),
      ),
    );
  }
}
