// scimulator/msw under msw's setupWorker in Chromium: an app bundled with esbuild creates and revokes a token.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBrowserTests, launchChromium } from './chromium.js';

const root = join(import.meta.dirname, '../..');
let server: Server;
let url: string;
let browser: Browser;

beforeAll(async () => {
  // Bundled for the browser: esbuild fails the build if anything on the graph needs a node:* module.
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'msw-app/app.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    absWorkingDir: root,
  });
  const files: Record<string, { type: string; body: string | Uint8Array }> = {
    '/': {
      type: 'text/html',
      body: '<!doctype html><title>app</title><pre id="result"></pre><script type="module" src="/app.js"></script>',
    },
    '/app.js': { type: 'text/javascript', body: bundle.outputFiles[0]?.contents ?? '' },
    // What `npx msw init` would copy into the app's public folder.
    '/mockServiceWorker.js': {
      type: 'text/javascript',
      body: readFileSync(join(root, 'node_modules/msw/lib/mockServiceWorker.js'), 'utf8'),
    },
  };
  server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (runBrowserTests) browser = await launchChromium();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

describe.skipIf(!runBrowserTests)('scimulator/msw with setupWorker', () => {
  it('creates a token (secret shown once) and revokes it in Chromium, with no network and no script error', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.locator('#result').filter({ hasText: /\S/ }).waitFor({ timeout: 20000 });
    const result = JSON.parse((await page.locator('#result').textContent()) ?? '{}');
    expect(result).toEqual({
      created: 201,
      tokenId: expect.stringMatching(/^tok_[A-Za-z0-9]{16}$/),
      secretShown: true,
      revoked: 204,
      revokedAgain: 404,
      stillListed: false,
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
