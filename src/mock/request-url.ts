// Splits a request's absolute URL into origin, path and query without trusting it to be well-formed.

/** The parts of an absolute URL the core needs, without a full WHATWG parse on the hot path. */
export interface UrlParts {
  origin: string;
  /** Host and port as the client named them (`127.0.0.1:4010`); '' when the URL has none. */
  host: string;
  pathname: string;
  /** `?a=1` or ''. */
  search: string;
}

function parseFully(raw: string): UrlParts | undefined {
  try {
    const u = new URL(raw);
    return { origin: u.origin, host: u.host, pathname: u.pathname, search: u.search };
  } catch {
    return undefined;
  }
}

// Clients send the same authority on every request: remember the last plain one, so the pattern runs rarely.
let lastPlain = '';

function isPlainAuthority(authority: string): boolean {
  if (authority !== '' && authority === lastPlain) return true;
  if (!/^[\w.:[\]-]+$/.test(authority)) return false;
  lastPlain = authority;
  return true;
}

/**
 * Splits an absolute URL; undefined when it cannot be parsed (a hostile Host header turned into a URL, say), so
 * the caller answers 400 instead of throwing. Dot segments are left to the URL parser, which resolves them.
 */
export function splitUrl(raw: string): UrlParts | undefined {
  const scheme = raw.indexOf('//');
  const slash = scheme < 0 ? -1 : raw.indexOf('/', scheme + 2);
  if (scheme < 0 || slash < 0) return parseFully(raw);
  const rest = raw.slice(slash);
  const q = rest.indexOf('?');
  const hash = rest.indexOf('#');
  const end = hash < 0 ? rest.length : hash;
  const pathname = q < 0 || q > end ? rest.slice(0, end) : rest.slice(0, q);
  const authority = raw.slice(scheme + 2, slash);
  // Dot segments, percent-encoded dots and odd authorities are rare; let the URL parser judge them.
  if (pathname.includes('/.') || pathname.includes('%2e') || pathname.includes('%2E') || !isPlainAuthority(authority)) {
    return parseFully(raw);
  }
  return { origin: raw.slice(0, slash), host: authority, pathname, search: q < 0 || q > end ? '' : rest.slice(q, end) };
}
