import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { ChildEnv } from './cgi-env.js';
import { INLINE_STDIN_MAX } from './core/decide.js';
import { killProcessGroup, NodeSpawner } from './function-process.js';
import type { FunctionProcess, ProcessExit, SpawnOptions, Spawner } from './function-process.js';

/** One process on its way up: its sockets, pid and exit as they arrive, in any order. */
interface Pending {
  combine: boolean;
  /** stdin went inline with the request: no stdin connection comes. */
  inline: boolean;
  stdin?: Socket;
  stdout?: Socket;
  stderr?: Socket;
  pid?: number;
  failed?: Error;
  exit?: ProcessExit;
  started: (proc: FunctionProcess) => void;
  exited?: (exit: ProcessExit) => void;
}

const SIGNAL_NAMES = Object.fromEntries(
  Object.entries(constants.signals).map(([name, n]) => [n, name]),
) as Record<number, NodeJS.Signals>;

function emptyReadable(): Readable {
  return Readable.from([]);
}

/** A stdin that is already taken care of: whatever is written to it is dropped. */
function endedSink(): Writable {
  return new Writable({ write: (_c, _e, cb) => cb() });
}

/**
 * Starts function processes through `fwatchdog-spawn` (native/fork-server.c), a small static
 * program that posix_spawns each process and connects its stdin, stdout and stderr back to this
 * watchdog over a Unix socket. The watchdog therefore never forks itself per request, which is
 * what caps a Node spawn-per-request server (a fork of a Node process costs ~1 ms of the event
 * loop). Every request still gets a fresh process and its own environment.
 */
export class ForkServerSpawner implements Spawner {
  private readonly pending = new Map<string, Pending>();
  private readonly fallback = new NodeSpawner();
  private readonly envText = new WeakMap<ChildEnv, { text: string; http: string[] }>();
  private readonly paths = new Map<string, string>();
  private broken = false;
  private nextId = 0;
  private lines = '';

  private constructor(
    private readonly socketPath: string,
    private readonly server: Server,
    private readonly helper: ChildProcess,
    private readonly onBroken: (err: Error) => void,
  ) {
    server.on('connection', (socket) => this.accept(socket));
    helper.stdout?.setEncoding('utf8').on('data', (text: string) => this.replies(text));
    helper.once('exit', (code, signal) => {
      this.broken = true;
      const err = new Error(
        `fwatchdog-spawn exited (${code ?? signal}); using Node's child_process from now on`,
      );
      for (const [id, p] of this.pending) this.fail(id, p, err);
      this.onBroken(err);
    });
    helper.stdin?.on('error', () => undefined);
  }

  /** Starts the fork server from its executable; rejects when it cannot run here. */
  static async start(binary: string, onBroken: (err: Error) => void): Promise<ForkServerSpawner> {
    const name = join(tmpdir(), `fwatchdog-${process.pid}-${Math.random().toString(36).slice(2)}.sock`);
    const server = createServer({ allowHalfOpen: true, noDelay: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(name, () => resolve());
    });
    const helper = spawn(binary, [name], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      helper.once('spawn', () => resolve());
      helper.once('error', (err) => {
        server.close();
        reject(err);
      });
    });
    server.unref();
    return new ForkServerSpawner(name, server, helper, onBroken);
  }

  spawn(
    command: string,
    args: readonly string[],
    env: ChildEnv,
    options: SpawnOptions,
  ): Promise<FunctionProcess> {
    if (this.broken) return this.fallback.spawn(command, args, env, options);
    const id = String(++this.nextId);
    const body =
      options.stdinData && options.stdinData.length <= INLINE_STDIN_MAX ? options.stdinData : undefined;
    const fields = [
      id,
      options.combineStderr ? 'c' : 's',
      String(body ? body.length : -1),
      String(args.length + 1),
      this.resolve(command, env),
      ...args,
    ];
    const extra = options.extraEnv;
    let environment = this.serialized(env, extra);
    for (const key in extra) environment += `${key}=${extra[key]}\0`;
    const payload = Buffer.from(`${fields.join('\0')}\0${environment}`);
    const frame = Buffer.allocUnsafe(4 + payload.length + (body?.length ?? 0));
    frame.writeUInt32LE(payload.length + (body?.length ?? 0), 0);
    payload.copy(frame, 4);
    if (body) frame.set(body, 4 + payload.length);
    const pending = {
      combine: options.combineStderr,
      inline: body !== undefined,
      stdinData: options.stdinData,
    };
    return new Promise<FunctionProcess>((resolve) => {
      this.pending.set(id, { ...pending, started: resolve });
      this.helper.stdin?.write(frame);
    }).then((proc) => {
      // A body too large to go inline still arrives through the stdin connection.
      if (pending.stdinData && !pending.inline) proc.stdin.end(pending.stdinData);
      return proc;
    });
  }

  /** `KEY=VALUE\0…` for the base environment, computed once per env object (it never changes). */
  private serialized(env: ChildEnv, extra: ChildEnv | undefined): string {
    let cached = this.envText.get(env);
    if (cached === undefined) {
      let text = '';
      for (const key in env) if (!key.startsWith('Http_')) text += `${key}=${env[key]}\0`;
      cached = { text, http: Object.keys(env).filter((k) => k.startsWith('Http_')) };
      this.envText.set(env, cached);
    }
    let text = cached.text;
    // A base Http_* variable (unusual) is kept unless the request overrides it.
    for (const key of cached.http) if (!(extra && key in extra)) text += `${key}=${env[key]}\0`;
    return text;
  }

  /** The absolute path of a bare command name on PATH, looked up once (posix_spawnp would search every call). */
  private resolve(command: string, env: ChildEnv): string {
    if (command.includes('/')) return command;
    let found = this.paths.get(command);
    if (found === undefined) {
      const dirs = (env.PATH ?? process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':');
      found = command;
      for (const dir of dirs) {
        const candidate = join(dir || '.', command);
        try {
          accessSync(candidate, fsConstants.X_OK);
          if (statSync(candidate).isFile()) {
            found = candidate;
            break;
          }
        } catch {
          // not here
        }
      }
      // Not found: keep the bare name so posix_spawnp reports ENOENT per call, and look again later.
      if (found !== command) this.paths.set(command, found);
    }
    return found;
  }

  close(): void {
    this.helper.stdin?.end();
    this.server.close();
    rmSync(this.socketPath, { force: true });
  }

  /** Reads the `<id> <stream>\n` header a connection starts with, then files the socket. */
  private accept(socket: Socket): void {
    socket.on('error', () => undefined);
    let head = '';
    const onReadable = (): void => {
      for (
        let chunk = socket.read() as Buffer | null;
        chunk !== null;
        chunk = socket.read() as Buffer | null
      ) {
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          head += chunk.toString();
          continue;
        }
        head += chunk.subarray(0, nl).toString();
        socket.off('readable', onReadable);
        // allowHalfOpen: each socket closes once both sides ended. The process ending its side is
        // EOF for us; answer it so the socket closes instead of lingering half-open. Listen now:
        // an empty stream ends before its process's other sockets arrive and settle() runs.
        socket.once('end', () => socket.end());
        if (nl + 1 < chunk.length) socket.unshift(chunk.subarray(nl + 1));
        const [id = '', stream] = head.split(' ');
        const p = this.pending.get(id);
        if (p === undefined) return void socket.destroy();
        if (stream === 'i') p.stdin = socket;
        else if (stream === 'o') p.stdout = socket;
        else p.stderr = socket;
        this.settle(id, p);
        return;
      }
    };
    socket.on('readable', onReadable);
  }

  private replies(text: string): void {
    this.lines += text;
    let nl: number;
    while ((nl = this.lines.indexOf('\n')) >= 0) {
      const [kind, id = '', a = '', b = ''] = this.lines.slice(0, nl).split(' ');
      this.lines = this.lines.slice(nl + 1);
      const p = this.pending.get(id);
      if (p === undefined) continue;
      if (kind === 'S') p.pid = Number(a);
      else if (kind === 'F') {
        const code = Object.keys(constants.errno).find(
          (k) => constants.errno[k as keyof typeof constants.errno] === Number(a),
        );
        p.failed = Object.assign(new Error(`spawn failed: ${code ?? `errno ${a}`}`), { code });
      } else if (kind === 'X')
        p.exit = {
          code: a === '-1' ? null : Number(a),
          signal: b === '0' ? null : (SIGNAL_NAMES[Number(b)] ?? null),
        };
      this.settle(id, p);
    }
  }

  /** Hands the process to its caller once it is complete, and reports its exit. */
  private settle(id: string, p: Pending): void {
    if (p.failed) return this.fail(id, p, p.failed);
    if (p.exit && p.exited) {
      this.pending.delete(id);
      killProcessGroup(p.pid);
      p.exited(p.exit);
      return;
    }
    if (p.exited || p.pid === undefined || (!p.inline && !p.stdin) || !p.stdout || (!p.combine && !p.stderr))
      return;
    const { stdout, pid } = p;
    const stdin = p.stdin ?? endedSink();
    const stderr = p.stderr ?? emptyReadable();
    p.stdin?.resume();
    const closed = Promise.all(
      [stdout, stderr].map((s) => new Promise((r) => (s.destroyed ? r(null) : s.once('close', r)))),
    );
    const exited = new Promise<ProcessExit>((resolve) => (p.exited = resolve));
    const done = Promise.all([exited, closed]).then(([exit]) => exit);
    p.started({ pid, stdin, stdout, stderr, done, killGroup: () => killProcessGroup(pid) });
    if (p.exit) this.settle(id, p);
  }

  private fail(id: string, p: Pending, error: Error): void {
    this.pending.delete(id);
    for (const s of [p.stdin, p.stdout, p.stderr]) s?.destroy();
    if (p.exited) return p.exited({ code: null, signal: null, error });
    p.started({
      pid: undefined,
      stdin: endedSink(),
      stdout: emptyReadable(),
      stderr: emptyReadable(),
      done: Promise.resolve({ code: null, signal: null, error }),
      killGroup: () => undefined,
    });
  }
}
