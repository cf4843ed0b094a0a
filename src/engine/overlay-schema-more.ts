// Overlay schema parts for state-only stores and bulk outcomes (per-item conditions, failure lists, injected failures).

/** The bulk-action words beyond `items`/`each`/`results`: which items succeed and how failures are reported. */
export function bulkOutcomes(fieldMap: object, predicate: object) {
  return {
    when: { ...predicate, description: 'bulk: an item succeeds only when its record matches (else it fails as missing).' },
    distinct: { type: 'boolean', description: 'bulk: a key repeated in the request counts once.' },
    failures: {
      type: 'object',
      additionalProperties: false,
      required: ['property'],
      description:
        'bulk: failed items go to this answer array (a dotted path) instead of `results`: the item key under `key`, then the `missing` fields (no such record) or the `injected` ones (a scenario failed the item; its own fields win).',
      properties: { property: { type: 'string' }, key: { type: 'string' }, missing: fieldMap, injected: fieldMap },
    },
  };
}

/** `stores`: records an API keeps that no operation lists or reads (Capillary's organisations behind its tokens). */
export const storesSchema = {
  type: 'object',
  description: 'State-only record collections by name: seeded from fixtures, used by actions and hooks, never served as CRUD.',
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: {
      id: { type: 'string', description: 'The record property holding the id.' },
      integer: { type: 'boolean', description: 'Ids are integers (default: strings).' },
      schema: { type: 'object', description: 'JSON Schema of one record, checked on the fixture section.' },
    },
  },
};

/** Resource words: the order lists answer in, and whether the spec's examples seed records. */
export const listAndSeedWords = {
  order: {
    description:
      'The order lists show records in: "oldest-first" (creation order, the default), "newest-first" (reverse creation order), or {field, descending} sorted by a record field (ties keep creation order).',
    oneOf: [
      { enum: ['oldest-first', 'newest-first'] },
      {
        type: 'object',
        additionalProperties: false,
        required: ['field'],
        properties: { field: { type: 'string' }, descending: { type: 'boolean' } },
      },
    ],
  },
  examples: { type: 'boolean', description: 'false: the spec examples seed no records (only fixtures do).' },
};
