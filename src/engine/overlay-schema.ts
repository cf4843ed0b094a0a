// The JSON Schema of an overlay (`<spec>.scimulator.yaml` or `x-scimulator`): what inference cannot see, said as data.
import { scimOverlaySchema } from './scim/index.js';

const derived = {
  description:
    'A value set by the engine: "now"; {now: {add: seconds | "<body field>"}}; {param: name}; {body: field}; {value: any}; {generate: uuid|hex|alnum, length, prefix}; {pattern: regex}; or a plain string, number, boolean or null.',
  oneOf: [
    { const: 'now' },
    { type: 'string', not: { const: 'now' } },
    { type: ['number', 'boolean', 'null'] },
    {
      type: 'object',
      additionalProperties: false,
      required: ['now'],
      properties: { now: { type: 'object', additionalProperties: false, properties: { add: { type: ['integer', 'string'] } } } },
    },
    { type: 'object', additionalProperties: false, required: ['param'], properties: { param: { type: 'string' } } },
    { type: 'object', additionalProperties: false, required: ['body'], properties: { body: { type: 'string' } } },
    { type: 'object', additionalProperties: false, required: ['value'], properties: { value: true } },
    {
      type: 'object',
      additionalProperties: false,
      required: ['generate'],
      properties: {
        generate: { enum: ['uuid', 'hex', 'alnum'] },
        length: { type: 'integer', minimum: 1, maximum: 256 },
        prefix: { type: 'string' },
      },
    },
    { type: 'object', additionalProperties: false, required: ['pattern'], properties: { pattern: { type: 'string' } } },
  ],
};

const fieldMap = { type: 'object', additionalProperties: derived };

const errorRef = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: {
    status: { type: 'integer', minimum: 400, maximum: 599, description: 'A status the operation documents.' },
    example: { type: 'string', description: 'Name of the documented example to answer with.' },
    message: { type: 'string', description: 'Replaces the message of the example (or of the generated body).' },
  },
};

const predicate = {
  description: 'A record is active when `field` equals `equals` (or is one of `in`, or exists / does not).',
  type: 'object',
  additionalProperties: false,
  required: ['field'],
  properties: { field: { type: 'string' }, equals: true, in: { type: 'array' }, exists: { type: 'boolean' } },
};

const resource = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: {
      type: 'object',
      additionalProperties: false,
      properties: {
        property: { type: 'string' },
        format: { enum: ['uuid', 'integer'] },
        pattern: { type: 'string' },
        prefix: { type: 'string' },
      },
    },
    derive: { ...fieldMap, description: 'Fields set on every new record.' },
    secret: { type: 'array', items: { type: 'string' }, description: 'Fields shown once, in the create answer only.' },
    active: predicate,
    limit: {
      type: 'object',
      additionalProperties: false,
      required: ['max'],
      properties: { max: { type: 'integer', minimum: 0 }, count: { enum: ['all', 'active'] }, error: errorRef },
      description: 'At most `max` records per parent scope (counting all or only active ones).',
    },
    unique: {
      type: 'object',
      additionalProperties: false,
      required: ['fields'],
      properties: { fields: { type: 'array', minItems: 1, items: { type: 'string' } }, ignoreCase: { type: 'boolean' }, error: errorRef },
    },
    delete: {
      type: 'object',
      additionalProperties: false,
      required: ['mode'],
      properties: {
        mode: { enum: ['hard', 'soft'] },
        set: { ...fieldMap, description: 'Fields a soft delete sets.' },
        readable: { type: 'boolean', description: 'A soft-deleted record can still be read (default true).' },
        listed: { type: 'boolean', description: 'A soft-deleted record still appears in lists (default false).' },
      },
    },
  },
};

const action = {
  type: 'object',
  additionalProperties: false,
  required: ['effect'],
  properties: {
    resource: { type: 'string', description: 'The resource it acts on (default: the one its path sits under).' },
    effect: { enum: ['set', 'delete', 'none', 'bulk'] },
    set: fieldMap,
    answer: { enum: ['record', 'example'], description: 'Answer with the changed record (default when documented) or the example.' },
    items: { type: 'string', description: 'bulk: the request body field holding the array of items.' },
    key: { type: 'string', description: 'bulk: the item field naming the record id (default: the item itself).' },
    each: { enum: ['set', 'delete'], description: 'bulk: what happens to each named record (`set` uses `set`).' },
    status: {
      type: 'object',
      additionalProperties: false,
      properties: { ok: { type: 'integer' }, partial: { type: 'integer' }, failed: { type: 'integer' } },
      description: 'bulk: the answer when every item succeeded, some did, none did.',
    },
    results: {
      type: 'object',
      additionalProperties: false,
      required: ['property'],
      properties: { property: { type: 'string' }, key: { type: 'string' }, ok: fieldMap, error: fieldMap },
      description: 'bulk: the answer array property; each entry has the item key (under `key`) and the `ok` or `error` fields.',
    },
  },
  if: { required: ['effect'], properties: { effect: { const: 'bulk' } } },
  then: { required: ['items', 'each'] },
};

const link = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: {
    from: { type: 'string', description: 'The resource owning the association (`domains`).' },
    to: { type: 'string', description: 'The resource whose records are linked (`identity-providers`).' },
    list: { type: 'string', description: 'Operation id listing the linked records, in its own envelope.' },
    link: { type: 'string', description: 'Operation id linking a record (`PUT …/{idp_id}`).' },
    unlink: { type: 'string', description: 'Operation id unlinking a record (`DELETE …/{idp_id}`).' },
    fromParam: { type: 'string', description: 'Path parameter naming the `from` record (default: its id parameter).' },
    toParam: { type: 'string', description: 'Path parameter naming the `to` record (default: the last one).' },
  },
};

export const overlaySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://scimulator.dev/schemas/overlay.json',
  title: 'scimulator overlay',
  type: 'object',
  additionalProperties: false,
  properties: {
    resources: { type: 'object', additionalProperties: resource, description: 'By inferred resource name or collection path.' },
    actions: { type: 'object', additionalProperties: action, description: 'By operation id.' },
    links: { type: 'object', additionalProperties: link, description: 'Associations between two resources, by any name.' },
    scim: scimOverlaySchema,
    errors: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['when', 'status'],
        properties: {
          when: { enum: ['not-found', 'validation', 'unauthorized', 'forbidden', 'rate-limited', 'conflict', 'limit'] },
          operationId: { type: 'string' },
          ...errorRef.properties,
        },
      },
    },
  },
} as const;
