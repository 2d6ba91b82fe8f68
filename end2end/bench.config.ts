// Browser benchmarks (not tests): `scripts/bench-browser.sh`. Same Chromium and server
// as the test suite; results are printed and written to end2end/bench-results.json.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testDir: './bench',
  timeout: 180_000,
  projects: [{ name: 'tablet-portrait', use: { viewport: { width: 820, height: 1180 }, hasTouch: true } }],
});
