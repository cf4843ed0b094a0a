// Stops a long-running command when the process that started it dies without passing a signal on.
/**
 * `npx scimulator serve` runs node under `npm exec` → `sh -c`; stopping npm (SIGTERM, or SIGKILL from a test runner
 * or IDE) does not reach node, which would keep the port forever with no parent. Re-parenting is the one portable
 * sign: when `process.ppid` changes, the starter is gone. Checked once a second on an unref'd timer. `parent` is the
 * starter as the command saw it when it began: read only here, a starter killed while the server was starting (after
 * it printed its address, say) would already have been replaced by the new parent, and never be missed. Returns a
 * function that stops watching.
 */
export function stopWhenOrphaned(stop: () => void, parent: number, everyMs = 1000): () => void {
  // Started directly by init (a container's PID 1, a daemon): there is no parent to outlive.
  if (parent <= 1) return () => undefined;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      stop();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
