// http mode's function process, for both runtimes: started once, watched, and waited for until
// `upstream_url` accepts connections. When it dies the watchdog exits (onFatal) rather than
// restarting it, as of-watchdog does: the orchestrator restarts the container and counts the
// crash, where an in-process restart loop would hide a crash-looping function.
import { splitCommand } from '../config.js';
import { messages } from './messages.js';
import type { ModeDeps } from './modes.js';
import type { SpawnedProcess, Spawner } from './spawner.js';

/** What the host does with its own sockets and streams. */
export interface FunctionServerIo<P> {
  /** Sends the process's stdout and stderr to the function's log. */
  pipeOutput(child: P): void;
  /** True when a TCP connection to host:port succeeds. */
  accepts(host: string, port: number): Promise<boolean>;
}

export class FunctionServer<P extends SpawnedProcess> {
  readonly target: URL;
  /** `upstream_url`'s host, without IPv6 brackets. */
  readonly host: string;
  readonly port: number;
  private child: P | undefined;
  private up = false;
  private stopping = false;

  constructor(
    private readonly deps: ModeDeps<Spawner<P>>,
    private readonly io: FunctionServerIo<P>,
  ) {
    this.target = new URL(deps.config.upstreamUrl);
    this.host = this.target.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(this.target.port || 80);
  }

  /** Starts `fprocess` (stdin closed) and resolves once its port accepts, or it exited. */
  async start(): Promise<void> {
    const { config, logger } = this.deps;
    const { command, args } = splitCommand(config.fprocess);
    logger.info(messages.forking, { fprocess: config.fprocess });
    const child = await this.deps.spawner.spawn(command, args, this.deps.env, {
      combineStderr: false,
      stdinData: new Uint8Array(0),
    });
    this.child = child;
    this.io.pipeOutput(child);
    let exited = false;
    void child.done.then((exit) => {
      exited = true;
      this.up = false;
      if (this.stopping) return;
      this.deps.onFatal(new Error(messages.upstreamExited(exit)));
    });
    for (let delay = 5; !exited && !this.stopping; delay = Math.min(delay * 2, 100)) {
      if (await this.io.accepts(this.host, this.port)) {
        this.up = true;
        logger.info(messages.upstreamUp(this.target.origin));
        return;
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  /** Whether calls can be proxied: the process is up and its port answered. */
  ready(): boolean {
    return this.up;
  }

  /** Kills the process group and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.up = false;
    if (!this.child) return;
    this.child.killGroup();
    await this.child.done;
  }
}
