// Finds numbers JSON cannot carry back out (1e309 parses to Infinity): Ajv's `integer` and `number` let them through.

/**
 * JSON pointer of the first non-finite number in a parsed value, or undefined. Walks iteratively: a hostile body
 * nested 10,000 deep must not overflow the stack.
 */
export function findNonFiniteNumber(value: unknown): string | undefined {
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
