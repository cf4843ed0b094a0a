// scimulator/fixtures: every typed id names something that really is in fixtures/default.yaml.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixtures, readDefaultFixtures } from '../../src/fixtures/index.js';

describe('typed fixture ids', () => {
  // The scim API's records are its spec's examples (it has no fixture section).
  const text = JSON.stringify(readDefaultFixtures()) + JSON.stringify(parse(readFileSync('specs/scim-rfc7644.yaml', 'utf8')));
  const missingOk = new Set(['missingOrgId', 'authOrgIdHeader']);

  it.each(Object.entries(fixtures).flatMap(([api, ids]) => Object.entries(ids).map(([key, value]) => [`${api}.${key}`, value] as const)))(
    '%s is in the default fixtures',
    (name, value) => {
      if (missingOk.has(name.split('.')[1] as string)) return;
      expect(text).toContain(typeof value === 'number' ? `:${value}` : `"${value}"`);
    },
  );

  it('the org id that must not exist really does not', () => {
    expect(text).not.toContain(`:${fixtures.capillary.missingOrgId}`);
  });
});
