// One request as one console line: time, method, path, status, duration, session, scenario and, for errors, why.
import type { LogEntry } from '../mock/index.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local wall time as `HH:MM:SS.mmm` (a terminal's reader lives in local time). */
export function formatClockTime(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
}

/** `12:00:01.234 GET /path 404 0.3ms session=x scenario=y — unknown id tok_1` */
export function formatRequestLine(e: LogEntry, at: Date): string {
  const extra = [e.session !== 'default' ? `session=${e.session}` : '', e.scenario ? `scenario=${e.scenario}` : '', e.note ?? '']
    .filter(Boolean)
    .join(' ');
  const reason = e.reason && (e.status >= 400 || e.status === 0) ? ` — ${e.reason}` : '';
  return `${formatClockTime(at)} ${e.method} ${e.path} ${e.status === 0 ? 'dropped' : e.status} ${e.ms.toFixed(1)}ms${extra ? ` ${extra}` : ''}${reason}`;
}
