// Browser tests against a running `madoguchi serve` (scripts/test.sh starts one on a fresh
// demo database). Debian's Chromium, never a downloaded browser.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL: process.env.MADOGUCHI_E2E_URL ?? 'http://localhost:3100',
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run',
      ],
    },
  },
  projects: [
    // A 10-inch tablet in portrait, the counter's usual stance.
    { name: 'tablet-portrait', testIgnore: /public-.*\.spec\.ts/, use: { viewport: { width: 820, height: 1180 }, hasTouch: true } },
    // The same tablet turned sideways.
    { name: 'tablet-landscape', testIgnore: /public-.*\.spec\.ts/, use: { viewport: { width: 1180, height: 820 }, hasTouch: true } },
    // A resident's own phone (a small Android, 360 px wide): the public pages.
    { name: 'phone', testMatch: /public-.*\.spec\.ts/, use: { viewport: { width: 360, height: 780 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 } },
  ],
});
