// Where a profile request goes: the SCIM base's own paths, or a URL the target named — never another origin.

/**
 * Resolves `path` against the SCIM base URL: `/Users` → `<base>/Users`; a path already under the base's path (a
 * relative `Location` such as `/scim/v2/Users/1`) → that path on the base's origin; an absolute URL as it is when it
 * has the base's origin. Undefined for any other origin: the profile sends credentials with every request, so it
 * never follows a `Location` or bulk `location` elsewhere.
 */
export function resolveUrl(base: string, path: string): string | undefined {
  const { origin, pathname } = new URL(base);
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
    let url: URL;
    try {
      url = new URL(path, origin);
    } catch {
      return undefined;
    }
    return url.origin === origin ? url.href : undefined;
  }
  const basePath = pathname.replace(/\/+$/, '');
  return basePath && path.startsWith(`${basePath}/`) ? `${origin}${path}` : `${base}${path}`;
}
