import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile. Missing Chromium is an error, not a skip: CI installs it
 * (.ci/run), and a developer installs it with `apt-get install chromium`.
 */
export async function launchChromium(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  // Playwright gives every launch a fresh, empty profile (--user-data-dir in a new temporary folder) and removes it on close.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  return { browser, close: () => browser.close() };
}

/** A new browser context (its own cookies and storage: another visitor) with a language and a desktop-sized window. */
export function newVisitor(browser: Browser, locale = 'en-US'): Promise<BrowserContext> {
  return browser.newContext({ locale, viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
}
