// Debian's chromium driven by playwright-core: `npx playwright install` cannot download browsers here.
import { Browser, BrowserContext, chromium } from 'playwright-core';

export interface BrowserSession {
  readonly browser: Browser;
  /** Allowed to read and write the clipboard, for "Copy Token Value" checks. */
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(options: { headless?: boolean } = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: options.headless ?? true,
    args: [
      '--no-sandbox', // we run as root
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  let closing: Promise<void> | undefined;
  try {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    return { browser, context, close: () => (closing ??= browser.close()) };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
