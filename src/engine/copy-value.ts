// A deep copy of a JSON value: what overlays, samples and request bodies hold, without structuredClone's fixed cost.

/**
 * Copies arrays and plain objects recursively and returns everything else as is. Values here come from JSON or YAML
 * (no Dates, Maps or cycles), where structuredClone's serialise-and-rebuild costs about a microsecond even for a
 * three-item list: a new record copies several such values.
 */
export function copyValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyValue(value[i] as unknown);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const v = copyValue((value as Record<string, unknown>)[k]);
    // JSON.parse makes `__proto__` an own key; an assignment would set the copy's prototype instead.
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out as T;
}
