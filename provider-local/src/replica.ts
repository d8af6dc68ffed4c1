import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatDuration, freePorts } from '@faas/service-kit';
import { probeHealth } from './health-probe.js';
import { splitLines } from './line-splitter.js';
import { isDirectory } from './source-dir.js';
import { withPort } from './upstream-port.js';

/** What one replica runs. */
export interface ReplicaSpec {
  /** Instance name, shown in logs (`echo-3f2a1c`); kept across restarts. */
  instance: string;
  /** The program (node) and its arguments (the watchdog entry). */
  command: string;
  args: string[];
  /** The watchdog's environment, minus `port` and `lock_file_path` (set per start). */
  env: Record<string, string>;
  /** Working directory, looked up again at every start (a folder replaced by rename is followed). */
  cwd: string;
  /** What named `cwd`, for the log line when it is missing, e.g. the source annotation. */
  cwdOrigin?: string;
  /** http mode: the `upstream_url` whose port is replaced by a fresh loopback port at every start. */
  upstreamUrl?: string;
  /** Where pid and lock files go. */
  runDir: string;
  /** How long a replica may drain after SIGTERM before SIGKILL. */
  stopGraceMs: number;
}

/** Timings and sinks of a replica; tests shorten the timings. */
export interface ReplicaDeps {
  /** Receives every output line of the replica, and the provider's notes about it. */
  output(instance: string, line: string): void;
  /** Longest back-off between restarts. */
  backoffMaxMs: number;
  /** Health poll period while starting (default 50ms) and once ready (default 1s). */
  startPollMs?: number;
  healthPollMs?: number;
}

const FIRST_BACKOFF_MS = 250;
/** A replica that stayed ready this long has its back-off reset after a crash. */
const STABLE_MS = 10_000;

/**
 * One watchdog process on a loopback port. Ready only while `/_/health` answers 200; restarted
 * with doubling back-off when it exits unasked; never routed to while down.
 */
export class Replica {
  private child: ChildProcess | undefined;
  private port = 0;
  private ready = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private backoffMs = FIRST_BACKOFF_MS;
  private readySince = 0;
  /** Unasked exits so far. */
  restarts = 0;
  /** Why the last attempt to run failed, until the replica is ready again (its status says it). */
  lastFailure: string | undefined;

  constructor(
    readonly spec: ReplicaSpec,
    private readonly deps: ReplicaDeps,
  ) {}

  /** Base URL of the watchdog while ready, else undefined. */
  get url(): string | undefined {
    return this.ready ? `http://127.0.0.1:${this.port}` : undefined;
  }

  /** The watchdog's pid while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process; readiness follows from the health probe. Never throws: a failure to start is this replica's, retried with back-off. */
  start(): void {
    void this.spawnOnce();
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves (never rejects) once the process is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.ready = false;
    clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), this.spec.stopGraceMs);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
    await this.removePidFile();
  }

  private removePidFile(): Promise<void> {
    // A pid file that cannot be removed is cleaned up at the next start (orphans.ts).
    return rm(this.pidFile, { force: true }).catch(() => undefined);
  }

  private note(text: string): void {
    this.deps.output(this.spec.instance, `faas-local: ${text}`);
  }

  private get pidFile(): string {
    return join(this.spec.runDir, `${this.spec.instance}.pid`);
  }

  /**
   * One attempt to start the process. Whatever goes wrong on the way (no port, a missing folder,
   * a spawn that throws, a file that cannot be written) fails this attempt only: the replica
   * notes why in the function's log and tries again after its back-off.
   */
  private async spawnOnce(): Promise<void> {
    try {
      await this.trySpawn();
    } catch (err) {
      // Node's argument errors quote the value ("Received 'a\x00b'"): an env value is not log material.
      const why = (err as Error).message.replace(/\. Received [\s\S]*$/, '');
      if (!this.stopping) this.scheduleRestart(`could not start: ${why}`);
    }
  }

  private async trySpawn(): Promise<void> {
    if (this.stopping) return;
    const { cwd, cwdOrigin, upstreamUrl } = this.spec;
    const ports = await freePorts(upstreamUrl ? 2 : 1).catch((err: Error) => {
      throw new Error(`no free port (${err.message})`);
    });
    this.port = ports[0] as number;
    if (this.stopping) return;
    if (!(await isDirectory(cwd))) {
      if (this.stopping) return;
      const origin = cwdOrigin ? ` (${cwdOrigin})` : '';
      return this.scheduleRestart(
        `could not start: its working directory ${cwd}${origin} is missing or not a directory`,
      );
    }
    // The function process listens on the port of $upstream_url: one port per replica.
    const upstream = upstreamUrl ? { upstream_url: withPort(upstreamUrl, ports[1] as number) } : {};
    const lockFile = join(this.spec.runDir, `${this.spec.instance}.lock`);
    await rm(lockFile, { force: true });
    // stop() may have run during the awaits above; it found no child to stop, so start none.
    if (this.stopping) return;
    const child = spawn(this.spec.command, this.spec.args, {
      cwd,
      env: { ...this.spec.env, ...upstream, port: String(this.port), lock_file_path: lockFile },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a terminal's Ctrl-C reaches the provider only, which then stops
      // replicas in order instead of seeing them all "crash" at once.
      detached: true,
    });
    this.child = child;
    let gone = false;
    const onGone = (why: string): void => {
      if (gone) return;
      gone = true;
      this.onExit(child, why);
    };
    child.once('error', (err) => onGone(`could not start: ${err.message}`));
    child.once('exit', (code, signal) => onGone(code !== null ? `exit code ${code}` : `signal ${signal}`));
    splitLines(child.stdout!, (line) => this.deps.output(this.spec.instance, line));
    splitLines(child.stderr!, (line) => this.deps.output(this.spec.instance, line));
    this.poll(child);
    if (child.pid) await writeFile(this.pidFile, `${child.pid}\n`).catch(() => undefined);
    // It may have exited while the file was written; onExit's removal then came first.
    if (this.child !== child) await this.removePidFile();
  }

  private poll(child: ChildProcess): void {
    const period = this.ready ? (this.deps.healthPollMs ?? 1000) : (this.deps.startPollMs ?? 50);
    this.timer = setTimeout(async () => {
      if (this.child !== child || this.stopping) return;
      const ok = await probeHealth(this.port).catch(() => false);
      if (this.child !== child || this.stopping) return;
      if (ok && !this.ready) {
        this.ready = true;
        this.readySince = Date.now();
        this.lastFailure = undefined;
        if (this.restarts > 0)
          this.note(`ready again on port ${this.port} after ${this.restarts} restart(s)`);
      } else if (!ok && this.ready) {
        this.ready = false;
        this.note('stopped answering /_/health; not routed to until it answers again');
      }
      this.poll(child);
    }, period);
  }

  private onExit(child: ChildProcess, why: string): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.ready = false;
    clearTimeout(this.timer);
    void this.removePidFile();
    if (this.stopping) return;
    if (this.readySince > 0 && Date.now() - this.readySince > STABLE_MS) this.backoffMs = FIRST_BACKOFF_MS;
    this.readySince = 0;
    this.scheduleRestart(`exited unexpectedly (${why})`);
  }

  private scheduleRestart(why: string): void {
    this.restarts += 1;
    this.lastFailure = `replica ${why}; restarting in ${formatDuration(this.backoffMs)}`;
    this.note(this.lastFailure);
    this.timer = setTimeout(() => void this.spawnOnce(), this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, this.deps.backoffMaxMs);
  }
}
