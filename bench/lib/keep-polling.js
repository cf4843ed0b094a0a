// Keeps an event loop polling without ever sleeping, for the load generator (see bench/README.md, "A client that never sleeps").
import { setImmediate } from 'node:timers';

/**
 * Keeps the event loop turning until the returned function is called: a pending immediate makes libuv poll with a
 * zero timeout, so the process never blocks in epoll_wait. Why: on a VM an idle CPU halts, and an answer that wakes a
 * halted client costs the server's write a hypervisor exit. The slower the server, the more often its client sleeps,
 * so that cost grows with the very gap being measured, and with how busy the host is.
 */
export function keepPolling() {
  let on = true;
  let turns = 0;
  const turn = () => {
    if (!on) return;
    turns++;
    setImmediate(turn);
  };
  turn();
  const stop = () => {
    on = false;
  };
  stop.turns = () => turns;
  return stop;
}
