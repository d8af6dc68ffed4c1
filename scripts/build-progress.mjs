// Reads `tsc --build --verbose` line by line and turns it into progress a person can follow:
// which project is being compiled and how far along the build is (`[ 3/17] gateway`). Compiler
// diagnostics pass through untouched; the rest of tsc's chatter (why a project is up to date) is
// dropped. Used by scripts/build.mjs.

// eslint-disable-next-line no-control-regex -- colour codes are what this strips
const ANSI = /\u001b\[[0-9;]*m/g;
/** `4:46:54 PM - message` or, with --pretty, `[4:46:54 PM] message`: tsc's status lines. */
const STATUS = /^(?:\[[^\]]+\] |[0-9][^ ]*(?: [AP]M)? - )(.*)$/;

/** A project's name for people: its folder (`watchdog/src/bun`), `.` for the root. */
export function projectName(tsconfig, root = process.cwd()) {
  const relative = tsconfig.startsWith(`${root}/`) ? tsconfig.slice(root.length + 1) : tsconfig;
  return relative.replace(/\/?tsconfig\.json$/, '') || '.';
}

/**
 * A line handler for tsc's output. `say` receives progress lines, `pass` every diagnostic line.
 * `summary()` tells how many projects there were and how many were compiled.
 */
export function createProgress({ say, pass, root = process.cwd() }) {
  const projects = [];
  let listing = false;
  let compiled = 0;
  return {
    onLine(raw) {
      const line = raw.replace(ANSI, '');
      const status = STATUS.exec(line);
      if (!status) {
        const item = listing && /^\s+\* (.+)$/.exec(line);
        if (item) {
          const name = projectName(item[1], root);
          if (name !== '.') projects.push(name); // the root tsconfig lists the others, compiles nothing
        } else if (line.trim() !== '') {
          listing = false;
          pass(raw);
        }
        return;
      }
      const message = status[1];
      listing = message.startsWith('Projects in this build:');
      const building = /^Building project '(.+)'\.\.\.$/.exec(message);
      if (building) {
        const name = projectName(building[1], root);
        if (compiled === 0)
          say(
            `compiling TypeScript: ${projects.length} projects, only what changed since the last build (a fresh clone takes a minute or two)`,
          );
        compiled++;
        const at = projects.indexOf(name) + 1 || compiled;
        const width = String(projects.length).length;
        say(`[${String(at).padStart(width)}/${projects.length}] ${name}`);
        return;
      }
    },
    summary: () => ({ projects: projects.length, compiled }),
  };
}
