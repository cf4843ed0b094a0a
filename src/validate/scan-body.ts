// Walks parsed request bodies for what JSON Schema cannot bound: non-finite numbers (1e309 parses to Infinity) and long arrays.

/**
 * JSON pointer of the first non-finite number in a parsed value, or undefined. Walks iteratively: a hostile body
 * nested 10,000 deep must not overflow the stack. Pointers are only built once a walk without them found one: this
 * runs on every body and every record checked, and almost never finds anything.
 */
export function findNonFiniteNumber(value: unknown): string | undefined {
  return hasNonFiniteNumber(value) ? pointerToNonFinite(value) : undefined;
}

function hasNonFiniteNumber(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  // Most values are flat (parameters, small bodies): the stack is made only once a nested object turns up.
  let stack: object[] | undefined;
  let node: object | undefined = value;
  while (node !== undefined) {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === 'number') {
          if (!Number.isFinite(item)) return true;
        } else if (item !== null && typeof item === 'object') (stack ??= []).push(item);
      }
    } else {
      const record = node as Record<string, unknown>;
      for (const key in record) {
        if (!Object.hasOwn(record, key)) continue;
        const item = record[key];
        if (typeof item === 'number') {
          if (!Number.isFinite(item)) return true;
        } else if (item !== null && typeof item === 'object') (stack ??= []).push(item);
      }
    }
    node = stack?.pop();
  }
  return false;
}

function pointerToNonFinite(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop() as [unknown, string];
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) return pointer;
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) stack.push([node[i], `${pointer}/${i}`]);
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node))
        stack.push([(node as Record<string, unknown>)[key], `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
    }
  }
  return undefined;
}

/**
 * Length of the longest array anywhere in a parsed value (iterative, like findNonFiniteNumber). Bulk operations
 * answer per item, so one long array would make an answer many times the size of the request.
 */
export function longestArray(value: unknown): number {
  let longest = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      if (node.length > longest) longest = node.length;
      for (const item of node) if (item !== null && typeof item === 'object') stack.push(item);
    } else if (node !== null && typeof node === 'object') {
      for (const v of Object.values(node)) if (v !== null && typeof v === 'object') stack.push(v);
    }
  }
  return longest;
}
