// The dashboard in a real browser: APIs listed, live request log, scenario toggle → 429, reset, no script error.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/adapters/node/index.js';
import { loadMock } from '../../src/load/node.js';
import { runBrowserTests, launchChromium } from './chromium.js';

const root = join(import.meta.dirname, '../..');
const IDP = 'con_2CZPv6IY0gWzDaQJ';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const mock = await loadMock({ seed: 'dashboard', clock: { frozenAt: '2026-03-01T12:00:00Z' }, version: 'test' });
  server = await startServer(mock, { port: 0 });
  if (runBrowserTests) browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A client request as a frontend under development would make it (default session). */
function listTokens(): Promise<Response> {
  return fetch(`${server.url}/my-org/v1/identity-providers/${IDP}/provisioning/scim-tokens`, { headers: { authorization: 'Bearer dev' } });
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

describe.skipIf(!runBrowserTests)('dashboard in Chromium', () => {
  it('lists the APIs, shows requests live, switches a scenario to 429, resets, with no script error', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    // A browser asking for "/" lands on the dashboard.
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/__scimulator/');
    await page.locator('[data-api]').nth(4).waitFor();
    expect(await page.locator('[data-api]').evaluateAll((els) => els.map((e) => e.getAttribute('data-api')))).toEqual([
      'auth0',
      'capillary',
      'scaikey',
      'scim',
      'twilio',
    ]);

    expect((await listTokens()).status).toBe(200);
    // The row appears without a reload: the page polls the request log.
    await page.locator('#log tbody tr[data-status="200"]', { hasText: 'scim-tokens' }).waitFor({ timeout: 10000 });

    await page.locator('input[data-scenario="rate-limited"]').check();
    await expect.poll(async () => (await listTokens()).status, { timeout: 5000 }).toBe(429);
    const limited = page.locator('#log tbody tr[data-status="429"]').first();
    await limited.waitFor({ timeout: 10000 });
    expect(await limited.textContent()).toContain('rate-limited');

    await page.locator('#reset').click();
    await expect.poll(async () => page.locator('input[data-scenario="rate-limited"]').isChecked(), { timeout: 5000 }).toBe(false);
    expect((await listTokens()).status).toBe(200);

    // The virtual clock: advance, then set.
    await expect.poll(() => page.locator('#now').textContent()).toBe('2026-03-01T12:00:00.000Z');
    await page.locator('#advance-seconds').fill('3600');
    await page.locator('#advance').click();
    await expect.poll(() => page.locator('#now').textContent()).toBe('2026-03-01T13:00:00.000Z');
    await page.locator('#set-time').fill('2027-01-01T00:00:00Z');
    await page.locator('#set').click();
    await expect.poll(() => page.locator('#now').textContent()).toBe('2027-01-01T00:00:00.000Z');

    // Another session has its own (empty) log; back to the default one.
    await page.locator('#session').fill('other');
    await page.locator('#session').press('Enter');
    await expect.poll(() => page.locator('#log tbody tr').count()).toBe(0);
    await page.locator('#session').fill('default');
    await page.locator('#session').press('Enter');
    await page.locator('#log tbody tr').first().waitFor();

    // Secrets are masked until clicked.
    const secret = page.locator('[data-state-api="auth0"] button.secret').first();
    expect(await secret.textContent()).toBe('••••••••');
    await secret.click();
    expect(await secret.textContent()).toMatch(/^tok_/);
    await secret.click();
    expect(await secret.textContent()).toBe('••••••••');
    // A secret inside a folded object (Capillary's org token) is masked as well.
    await page.locator('[data-state-api="capillary"] details summary').first().click();
    expect(await page.locator('[data-state-api="capillary"] details button.secret').first().textContent()).toBe('••••••••');

    mkdirSync(join(root, 'reports'), { recursive: true });
    await page.locator('#log tbody tr').nth(2).waitFor();
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      for (const box of document.querySelectorAll('.scroll')) box.scrollLeft = 0;
    });
    await page.screenshot({ path: join(root, 'reports', 'dashboard.png'), fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  });
});
