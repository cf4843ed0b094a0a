// Type declarations for json-merge-patch (the package ships none): only the function the engine calls.
declare module 'json-merge-patch' {
  /** Applies an RFC 7396 merge patch to a copy of `target` and returns it. */
  export function apply(target: unknown, patch: unknown): unknown;
}
