// Debian's chromium driven by playwright-core: `npx playwright install` cannot download browsers here.
import { Browser, BrowserContext, chromium } from 'playwright-core';

export interface BrowserSession {
  readonly browser: Browser;
  /** Allowed to read and write the clipboard, for "Copy Token Value" checks. */
  readonly context: BrowserContext;
  /** Bound: may be passed around on its own. Closing twice returns the first close. */
  readonly close: () => Promise<void>;
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How the tests start chromium, also with a persistent profile (test/hygiene/run.ts). */
export const chromiumLaunchOptions = {
  executablePath: chromiumPath,
  args: [
    '--no-sandbox', // we run as root
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export const clipboardPermissions = ['clipboard-read', 'clipboard-write'];

export async function launchBrowser(options: { headless?: boolean } = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: options.headless ?? true });
  let closing: Promise<void> | undefined;
  try {
    const context = await browser.newContext({ permissions: clipboardPermissions });
    return { browser, context, close: () => (closing ??= browser.close()) };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The same, keeping its profile (cookies, Local Storage, IndexedDB…) in `profileDir`, to be searched after close. */
export async function launchPersistentBrowser(profileDir: string): Promise<Omit<BrowserSession, 'browser'>> {
  const context = await chromium.launchPersistentContext(profileDir, { ...chromiumLaunchOptions, headless: true, permissions: clipboardPermissions });
  let closing: Promise<void> | undefined;
  return { context, close: () => (closing ??= context.close()) };
}
