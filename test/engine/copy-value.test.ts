// copyValue: a deep copy of JSON data that keeps a `__proto__` key as data, as structuredClone does.
import { describe, expect, it } from 'vitest';
import { copyValue } from '../../src/engine/copy-value.js';

describe('copyValue', () => {
  it('copies nested arrays and objects so that changing the copy leaves the original alone', () => {
    const original = { a: [1, { b: 'c' }], d: null, e: true };
    const copy = copyValue(original);
    expect(copy).toEqual(original);
    (copy.a[1] as { b: string }).b = 'changed';
    expect((original.a[1] as { b: string }).b).toBe('c');
  });

  it('keeps a parsed "__proto__" key as an own field and never changes the copy\'s prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}') as Record<string, unknown>;
    const copy = copyValue(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe(JSON.stringify(structuredClone(parsed)));
  });
});
