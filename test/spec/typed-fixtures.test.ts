// scimulator/fixtures: every typed id names something that really is in fixtures/default.yaml.
import { describe, expect, it } from 'vitest';
import { fixtures, readDefaultFixtures } from '../../src/fixtures/index.js';

describe('typed fixture ids', () => {
  const text = JSON.stringify(readDefaultFixtures());
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
