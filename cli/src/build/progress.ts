import type { CliIo } from '../io.js';
import { writeLine } from '../io.js';
import { Printer } from '../printer.js';

type State = 'waiting' | 'running' | 'done' | 'failed';

/**
 * One status line per function. On a terminal the lines are redrawn in place (at most every
 * 100 ms); elsewhere (CI logs) each start, Docker `Step N/M` line and end is printed once,
 * prefixed with the function's name.
 */
export class Progress {
  private readonly lines = new Map<string, { state: State; text: string }>();
  private readonly out: Printer;
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: CliIo,
    names: string[],
    private readonly live = io.stdoutIsTTY,
  ) {
    this.out = new Printer(io);
    for (const name of names) this.lines.set(name, { state: 'waiting', text: 'waiting' });
  }

  private set(name: string, state: State, text: string, log: boolean): void {
    this.lines.set(name, { state, text });
    if (this.live) this.schedule(state === 'done' || state === 'failed');
    else if (log) writeLine(this.io.stdout, `[${name}] ${text}`);
  }

  /** The function's work began. */
  start(name: string, text: string): void {
    this.set(name, 'running', text, true);
  }

  /** A log line of the function's work; shown live, or when it is a Dockerfile step. */
  update(name: string, line: string): void {
    this.set(name, 'running', line, /^Step \d+\/\d+ :/.test(line));
  }

  /** The function's work succeeded. */
  done(name: string, text: string): void {
    this.set(name, 'done', text, true);
  }

  /** The function's work failed. */
  fail(name: string, text: string): void {
    this.set(name, 'failed', text, true);
  }

  /** Draws the final state; call once at the end. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.live) this.draw();
  }

  private schedule(now: boolean): void {
    if (now) return this.draw();
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.draw();
    }, 100);
  }

  private draw(): void {
    const width = (this.io.stdout as { columns?: number }).columns || 100;
    const names = [...this.lines.keys()];
    const pad = Math.max(...names.map((n) => n.length));
    let text = this.drawn ? `\u001b[${this.drawn}A` : '';
    for (const [name, { state, text: line }] of this.lines) {
      const mark = {
        waiting: this.out.paint('dim', '·'),
        running: '…',
        done: this.out.paint('green', '✔'),
        failed: this.out.paint('red', '✘'),
      }[state];
      text += `\u001b[2K${mark} ${name.padEnd(pad)}  ${line.slice(0, Math.max(10, width - pad - 5))}\n`;
    }
    this.drawn = this.lines.size;
    this.io.stdout.write(text);
  }
}
