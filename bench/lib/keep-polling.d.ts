// Types for keep-polling.js (tests import it).
export function keepPolling(): (() => void) & { turns(): number };
