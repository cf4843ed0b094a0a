// Test helper: launches the system's headless Chromium (Debian's `chromium`) through playwright-core.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where .ci/run installs Chromium; override with SCIMULATOR_CHROMIUM. */
export const CHROMIUM_PATH = process.env.SCIMULATOR_CHROMIUM ?? '/usr/bin/chromium';

/** True when a Chromium binary is present (CI installs it; a developer machine may not have it). */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Launches headless Chromium; `--no-sandbox` because CI containers run as root. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}
