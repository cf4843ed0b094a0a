// Test helper: launches the system's headless Chromium (Debian's `chromium`) through playwright-core.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where .ci/run installs Chromium; override with SCIMULATOR_CHROMIUM. */
export const CHROMIUM_PATH = process.env.SCIMULATOR_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether to run the browser tests. Without Chromium they fail with a hint (so CI cannot silently skip them), unless
 * SCIMULATOR_SKIP_BROWSER=1 says this machine has no browser on purpose.
 */
export const runBrowserTests = process.env.SCIMULATOR_SKIP_BROWSER !== '1';

/** Launches headless Chromium; `--no-sandbox` because CI containers run as root. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set SCIMULATOR_CHROMIUM, or SCIMULATOR_SKIP_BROWSER=1)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}
