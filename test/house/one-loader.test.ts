// The loaders (loadMock, loadMockSync, the msw handlers) share one core: one option shape and the same setup rules.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/adapters/msw/index.js';
import { loadMock, loadMockSync } from '../../src/load/node.js';

const dir = mkdtempSync(join(tmpdir(), 'scimulator-loader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A scenario as JSON: every loader counts `.yaml`, `.yml` and `.json` files (not `*.schema.json`) as scenarios.
writeFileSync(
  join(dir, 'auth0-down.json'),
  JSON.stringify({
    name: 'auth0-down',
    description: 'every Auth0 token read is a 404',
    rules: [{ match: { api: 'auth0', operationId: 'GetIdpProvisioningScimToken' }, inject: { status: 404 } }],
  }),
);
writeFileSync(join(dir, 'ignored.schema.json'), '{}');

const loaders = {
  loadMock: (options: Parameters<typeof loadMock>[0]) => loadMock(options),
  loadMockSync: async (options: Parameters<typeof loadMockSync>[0]) => loadMockSync(options),
};

describe.each(Object.entries(loaders))('%s', (_name, load) => {
  it('refuses an unknown API id with UNKNOWN_API, naming what exists', async () => {
    await expect(load({ apis: ['auth0', 'okta'] })).rejects.toMatchObject({
      code: 'UNKNOWN_API',
      message: expect.stringMatching(/unknown API id\(s\): okta \(available: .*auth0/),
    });
  });

  it('reads scenario files from a directory by the same rule and activates them by name', async () => {
    const mock = await load({ apis: ['auth0'], scenarios: { dir, active: ['auth0-down'] } });
    expect(mock.scenarios?.list().map((s) => s.name)).toEqual(['auth0-down']);
    expect(mock.controller.activeScenarios()).toEqual(['auth0-down']);
  });

  it('adds inline definitions to the shipped scenarios', async () => {
    const definition = {
      name: 'extra',
      description: 'x',
      rules: [{ match: { api: 'auth0', operationId: 'GetIdpProvisioningScimToken' }, inject: { status: 404 } }],
    };
    const mock = await load({ apis: ['auth0'], scenarios: { definitions: [definition] } });
    const names = mock.scenarios?.list().map((s) => s.name) ?? [];
    expect(names).toContain('extra');
    expect(names).toContain('token-not-found');
  });

  it('serves only the APIs asked for', async () => {
    const mock = await load({ apis: ['twilio'] });
    expect(mock.specs.map((s) => s.id)).toEqual(['twilio']);
  });
});

describe('the msw handlers', () => {
  it('refuse an unknown API id with the same typed error as the Node loaders', () => {
    expect(() => createHandlers({ apis: ['okta'] })).toThrow(expect.objectContaining({ code: 'UNKNOWN_API' }));
  });
});
