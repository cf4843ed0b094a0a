// The JSON Schema every scenario file must satisfy (also written to scenarios/scenario.schema.json for editors).

const latency = {
  oneOf: [
    { type: 'integer', minimum: 0, maximum: 60000 },
    {
      type: 'object',
      additionalProperties: false,
      required: ['min', 'max'],
      properties: { min: { type: 'integer', minimum: 0, maximum: 60000 }, max: { type: 'integer', minimum: 0, maximum: 60000 } },
    },
  ],
};

const stringOrList = { oneOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }] };

export const scenarioSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://scimulator.dev/schemas/scenario.json',
  title: 'scimulator scenario',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'description', 'rules'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Selected by this name (header, admin API, CLI, msw).' },
    description: { type: 'string', minLength: 1 },
    rules: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['match', 'inject'],
        properties: {
          description: { type: 'string' },
          match: {
            type: 'object',
            additionalProperties: false,
            properties: {
              api: { type: 'string', description: 'API id (auth0, capillary, scaikey, twilio). Rules for APIs not loaded are skipped.' },
              operationId: stringOrList,
              method: { type: 'string', pattern: '^[A-Za-z]+$' },
              path: { type: 'string', description: 'Path template as in the spec, e.g. /identity-providers/{idp_id}/provisioning.' },
              params: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] }, description: 'Path parameter values.' },
              query: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
              body: { type: 'object', description: 'JSON pointer (or top-level field) → value; an array field matches when it contains the value.' },
              nth: { type: 'integer', minimum: 1, description: 'Only the nth matching call in the session.' },
              probability: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'Seeded chance of applying.' },
              target: { const: 'item', description: 'Only operations on one record (a path ending in a parameter), in any API.' },
            },
          },
          inject: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: {
              status: { type: 'integer', minimum: 100, maximum: 599 },
              example: { type: 'string', description: 'Name of the documented example to start the body from.' },
              body: { description: 'Fields deep-merged over the documented example (or the whole body for undocumented statuses).' },
              headers: { type: 'object', additionalProperties: { type: 'string' } },
              latency,
              drop: { type: 'boolean', const: true },
              failItems: {
                type: 'object',
                additionalProperties: false,
                required: ['select'],
                properties: {
                  select: {
                    oneOf: [
                      { enum: ['first', 'all'] },
                      { type: 'object', additionalProperties: false, required: ['keys'], properties: { keys: { type: 'array', minItems: 1, items: { type: ['string', 'integer'] } } } },
                    ],
                  },
                  fields: { type: 'object' },
                },
              },
              rateLimit: {
                type: 'object',
                additionalProperties: false,
                properties: { enforce: { type: 'boolean' }, exhaust: { type: 'boolean' } },
              },
              problem: { const: 'not-found', description: "Answer with the API's own not-found error (its documented shape, any spec)." },
              clock: {
                type: 'object',
                additionalProperties: false,
                required: ['advance'],
                properties: { advance: { type: 'integer', minimum: 1, description: 'Seconds, applied once when the scenario is activated.' } },
              },
            },
          },
          undocumented: { type: 'boolean', description: 'Allow a status the operation does not document (the contract runner will flag it).' },
          times: { type: 'integer', minimum: 1, description: 'Apply at most this many times per session, then stop.' },
        },
      },
    },
  },
} as const;
