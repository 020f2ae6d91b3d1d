// Debian's chromium driven by playwright-core (Playwright's own browser builds cannot be downloaded here).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { onInterrupt } from './cleanup';

export const CHROMIUM = process.env.POLICY_LENS_CHROMIUM ?? '/usr/bin/chromium';

/** A fresh profile under `root`; HOME-ish dirs point there too so Chromium leaves nothing in ~/.config. */
export async function launchChromium(root: string, viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  const profile = join(root, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    env: { ...process.env, XDG_CONFIG_HOME: join(root, 'xdg/config'), XDG_CACHE_HOME: join(root, 'xdg/cache') },
    args: [
      '--no-sandbox', // we run as root in CI containers
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const forget = onInterrupt(() => context.close());
  context.on('close', forget);
  return context;
}
