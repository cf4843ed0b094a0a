// The overlay's `scim:` section: knobs that narrow the SCIM kit to a vendor's documented subset of RFC 7644.
export const scimOverlaySchema = {
  type: 'object',
  additionalProperties: false,
  description: 'SCIM kit knobs (RFC 7644); without them the full RFC behaviour applies.',
  properties: {
    kit: {
      type: 'boolean',
      description:
        "false: the kit stays off for this SCIM API, which says its behaviour with the overlay words filter, version, schemas (a vendor subset such as Twilio's).",
    },
    filter: {
      type: 'object',
      additionalProperties: false,
      properties: {
        operators: {
          type: 'array',
          minItems: 1,
          items: { enum: ['eq', 'ne', 'co', 'sw', 'ew', 'pr', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not'] },
          description: 'The filter operators the vendor supports; any other answers 400 invalidFilter.',
        },
        maxResults: { type: 'integer', minimum: 1, description: 'Most resources in one list page.' },
      },
    },
    bulk: {
      type: 'object',
      additionalProperties: false,
      properties: { maxOperations: { type: 'integer', minimum: 1, description: 'More operations in one request is a 413.' } },
    },
  },
} as const;
