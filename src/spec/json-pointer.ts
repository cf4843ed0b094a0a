// RFC 6901 JSON pointers: building them while walking a document and resolving internal `$ref`s.

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends tokens to a `#/...` pointer. */
export function joinPointer(base: string, ...tokens: Array<string | number>): string {
  return tokens.reduce<string>((acc, t) => `${acc}/${escapePointerToken(t)}`, base);
}

/** Resolves a `#/a/b` pointer inside `root`; undefined when any step is missing. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '#' || pointer === '') return root;
  if (!pointer.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of pointer.slice(2).split('/')) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
    if (node === undefined) return undefined;
  }
  return node;
}

/** Follows a schema's `$ref` chain inside `root` (bounded, so a cyclic ref cannot loop forever). */
export function followSchemaRefs<T extends { $ref?: string }>(root: unknown, schema: T | undefined): T | undefined {
  let node = schema;
  for (let hops = 0; node?.$ref && hops < 10; hops++) node = resolvePointer(root, node.$ref) as T | undefined;
  return node;
}
