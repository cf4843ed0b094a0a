// The JSON Schema of an overlay (`<spec>.scimulator.yaml` or `x-scimulator`): what inference cannot see, said as data.
import { bulkOutcomes, listAndSeedWords, storesSchema } from './overlay-schema-more.js';
import { scimOverlaySchema } from './scim/index.js';

const derived = {
  description:
    'A value set by the engine: "now"; {now: {add: seconds | "<body field>"}}; {param: name}; {body: field}; {value: any}; {default: any} (only when the record lacks it); {generate: uuid|hex|alnum, length, prefix}; {pattern: regex}; {template: "{field}.{alnum:40}"}; or a plain string, number, boolean or null.',
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
    { type: 'object', additionalProperties: false, required: ['default'], properties: { default: true } },
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
    { type: 'object', additionalProperties: false, required: ['template'], properties: { template: { type: 'string' } } },
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
    message: {
      type: 'string',
      description: 'Replaces the message of the example (or generated body); `{field}` names a field of the problem.',
    },
  },
};

const predicate = {
  description:
    'A record is active when `field` equals `equals` (or is one of `in`, or exists / does not), or `until` the date-time in that field (absent: never expires).',
  type: 'object',
  additionalProperties: false,
  anyOf: [{ required: ['field'] }, { required: ['until'] }],
  properties: { field: { type: 'string' }, equals: true, in: { type: 'array' }, exists: { type: 'boolean' }, until: { type: 'string' } },
};

const uniqueRule = {
  type: 'object',
  additionalProperties: false,
  required: ['fields'],
  properties: { fields: { type: 'array', minItems: 1, items: { type: 'string' } }, ignoreCase: { type: 'boolean' }, error: errorRef },
};

const filterRule = {
  description: 'The SCIM filter subset the list accepts; anything else is a 400 (scimType invalidFilter).',
  type: 'object',
  additionalProperties: false,
  properties: {
    attributes: { type: 'array', items: { type: 'string' }, description: 'Filterable attributes (default: any).' },
    operators: {
      type: 'array',
      items: { enum: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le', 'pr', 'and', 'or', 'not', '[]'] },
      description: 'Accepted operators (default: all of RFC 7644).',
    },
    caseExact: { type: 'array', items: { type: 'string' }, description: 'Compared case-exactly (default: id, externalId).' },
  },
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
      description: 'One uniqueness constraint, or a list of independent ones (each field set unique on its own).',
      anyOf: [uniqueRule, { type: 'array', minItems: 1, items: uniqueRule }],
    },
    filter: filterRule,
    scopes: {
      enum: ['any', 'fixture'],
      description: 'Which parent scopes exist: any value (default), or only those the fixture names; others are not found.',
    },
    replace: {
      type: 'object',
      additionalProperties: false,
      required: ['keep'],
      properties: { keep: { type: 'array', items: { type: 'string' }, description: 'Fields a replace keeps when its body omits them.' } },
    },
    schemas: {
      description: 'SCIM: the `schemas` URNs a create or replace body must name and may name; else 400 (scimType invalidSyntax).',
      type: 'object',
      additionalProperties: false,
      required: ['required'],
      properties: { required: { type: 'array', items: { type: 'string' } }, allowed: { type: 'array', items: { type: 'string' } } },
    },
    version: {
      description: 'A version counter: set to 1 on create, counted up on each replace/update, checked against If-Match.',
      type: 'object',
      additionalProperties: false,
      required: ['field'],
      properties: {
        field: { type: 'string', description: 'The field holding it (`meta.version`).' },
        format: { type: 'string', pattern: '\\{n\\}', description: 'How it is printed, `{n}` the counter (default `W/"{n}"`).' },
      },
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
    transient: { type: 'array', items: { type: 'string' }, description: 'Request fields that only feed `derive`: never stored.' },
    notFound: { type: 'string', description: 'The message of a not-found on one of its records.' },
    ...listAndSeedWords,
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
      properties: {
        property: { type: 'string' },
        key: { type: 'string' },
        ok: fieldMap,
        error: fieldMap,
        as: { enum: ['entry', 'key'], description: '`key`: each successful entry is the bare item key.' },
      },
      description:
        'bulk: the answer array property (a dotted path); each entry has the item key (under `key`) and the `ok` or `error` fields.',
    },
    ...bulkOutcomes(fieldMap, predicate),
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
    stores: storesSchema,
    scim: scimOverlaySchema,
    errors: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['when', 'status'],
        properties: {
          when: {
            enum: [
              ...['not-found', 'validation', 'unauthorized', 'forbidden', 'rate-limited', 'conflict', 'limit', 'record-limit'],
              ...['malformed-json', 'unsupported-media-type', 'payload-too-large', 'precondition'],
            ],
          },
          operationId: { type: 'string' },
          ...errorRef.properties,
        },
      },
    },
  },
} as const;
