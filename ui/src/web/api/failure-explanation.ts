// What a failed invocation means, in words: which time limit stopped it and where that limit is set,
// or what ended the process. The watchdog answers 504 naming the setting that ran out
// ("Function timed out after 10000ms (write_timeout)."), the classic watchdog 408 at exec_timeout,
// the gateway 504 at its own upstream_timeout; a crash is a 500 whose first line says how it ended.

/** The watchdog settings that stop a call. */
const WATCHDOG_LIMITS = {
  exec_timeout: 'the longest the function’s process may run for one call',
  write_timeout: 'the longest the watchdog lets any answer take',
} as const;

type WatchdogLimit = keyof typeof WATCHDOG_LIMITS;

/** A failed answer explained: a short title and the sentences under it. */
export interface FailureExplanation {
  /** `timeout`: a time limit stopped it; `crash`: the process ended badly. */
  kind: 'timeout' | 'crash';
  /** One line: "Ran out of time", "The function crashed". */
  title: string;
  /** Sentences: which limit, its value, where it is set, what to change. */
  sentences: string[];
}

/** What `explainFailure` reads. */
export interface FailedAnswer {
  status: number;
  /** The body as text (the first line matters most). */
  text: string;
  /** `X-OpenFaaS-Internal`: which part of the platform made the answer, when it says so. */
  internal: string | null;
  /** How long the call took, ms. */
  durationMs: number;
  /** The function's environment, when known (where its watchdog limits are set). */
  envVars?: Record<string, string> | undefined;
}

/** "10 s", "1.5 s", "250 ms". */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** Where the function's value of `limit` comes from. */
function setWhere(limit: WatchdogLimit, envVars: Record<string, string> | undefined, value?: string): string {
  const own = envVars?.[limit];
  if (own !== undefined) return `set to ${own} in the function’s environment (${limit}=${own})`;
  const shown = value ? `${value}, ` : '';
  return envVars
    ? `${shown}the watchdog’s default: the function’s environment does not set ${limit}`
    : `${shown}from the function’s environment (${limit}) or the watchdog’s default`;
}

function raise(limit: WatchdogLimit): string {
  const also = limit === 'exec_timeout' ? 'write_timeout' : 'exec_timeout';
  return `To allow longer, raise ${limit} (and ${also}, if set lower) in the function’s environment: Edit, Environment variables. The gateway’s own upstream_timeout must be longer too.`;
}

/** The explanation of a failed answer, or undefined when there is nothing to add to its status. */
export function explainFailure(answer: FailedAnswer): FailureExplanation | undefined {
  const firstLine = answer.text.split('\n', 1)[0]!.trim();
  const named = /timed out after (\d+)\s*ms \((exec_timeout|write_timeout)\)/.exec(firstLine);
  if ((answer.status === 504 || answer.status === 408) && named) {
    const limit = named[2] as WatchdogLimit;
    const value = duration(Number(named[1]));
    return {
      kind: 'timeout',
      title: `Ran out of time: stopped after ${value} by its ${limit}`,
      sentences: [
        `${limit} is ${WATCHDOG_LIMITS[limit]}; here ${setWhere(limit, answer.envVars, value)}.`,
        raise(limit),
      ],
    };
  }
  if (answer.status === 408 && /^Killed process\.?$/.test(firstLine)) {
    return {
      kind: 'timeout',
      title: `Ran out of time: killed after ${duration(answer.durationMs)} by its exec_timeout`,
      sentences: [
        `exec_timeout is ${WATCHDOG_LIMITS.exec_timeout}; it is ${setWhere('exec_timeout', answer.envVars)}.`,
        raise('exec_timeout'),
      ],
    };
  }
  if (answer.status === 504) {
    const gateway = answer.internal === 'gateway' || /^Upstream timed out/.test(firstLine);
    return {
      kind: 'timeout',
      title: gateway
        ? `Ran out of time: the gateway stopped waiting after ${duration(answer.durationMs)}`
        : `Ran out of time after ${duration(answer.durationMs)}`,
      sentences: gateway
        ? [
            'The gateway’s upstream_timeout is the longest it waits for a function to start answering; it is set where the gateway runs, not on the function.',
            'If the function needs longer, raise upstream_timeout (and the gateway’s write_timeout) on the gateway, and the function’s own write_timeout and exec_timeout to match.',
          ]
        : [`${firstLine || 'No reason was given.'}`],
    };
  }
  if (answer.status === 500 && answer.internal === null) {
    const signal = /^signal: (SIG[A-Z]+)/.exec(firstLine)?.[1];
    if (signal) {
      const limits = (['write_timeout', 'exec_timeout'] as const).filter((l) => answer.envVars?.[l]);
      return {
        kind: 'crash',
        title: `The function’s process was killed (${signal}) after ${duration(answer.durationMs)}`,
        sentences: [
          signal === 'SIGKILL'
            ? `A watchdog kills a call that outlives its write_timeout or exec_timeout${
                limits.length ? ` (here ${limits.map((l) => `${l}=${answer.envVars![l]}`).join(', ')})` : ''
              }: if the call ran that long, it ran out of time. Otherwise something else killed it, e.g. running out of memory.`
            : `Something sent it ${signal}.`,
        ],
      };
    }
    if (/^exit (status|code) \d+/.test(firstLine))
      return {
        kind: 'crash',
        title: `The function failed: its process ended with ${firstLine.replace(/^exit (status|code) /, 'exit status ')}`,
        sentences: ['What it wrote to stderr follows, as the watchdog passed it on.'],
      };
  }
  return undefined;
}
