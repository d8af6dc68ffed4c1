/**
 * Kills a process group once `ms` have passed (0 = never): `exec_timeout`, for both runtimes'
 * forking modes. No imports, so the Bun runtime can load it without Node's modules.
 */
export function watchTimeout(target: { killGroup(): void }, ms: number): { clear(): void; fired(): boolean } {
  let fired = false;
  const timer =
    ms > 0
      ? setTimeout(() => {
          fired = true;
          target.killGroup();
        }, ms)
      : undefined;
  return { clear: () => clearTimeout(timer), fired: () => fired };
}
