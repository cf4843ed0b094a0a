// A bound on how many tasks run at once, started in the order they were handed in.

/** Runs `task` when one of `limit` slots is free (first come, first served); resolves or rejects as the task does. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Creates a limiter with `limit` slots; with 1 slot the tasks run one after another, in the order they came. */
export function createLimiter(limit: number): Limiter {
  let running = 0;
  const queue: Array<() => void> = [];
  const next = () => {
    if (running >= limit) return;
    const start = queue.shift();
    if (start) start();
  };
  return (task) =>
    new Promise((resolve, reject) => {
      queue.push(() => {
        running++;
        task()
          .then(resolve, reject)
          .finally(() => {
            running--;
            next();
          });
      });
      next();
    });
}
