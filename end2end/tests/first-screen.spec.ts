// The counter's first screen comes with the page (server/src/http/first_screen.rs), so a
// slow network shows it before the app has arrived. Here the app is held back on
// purpose; the screen must be there at once, with nothing pressable, and when the app
// takes over every element must stand where the server's copy stood, with the same
// text — nothing moves (no layout shift), nothing changes.
import { test, expect, Page } from '@playwright/test';
import { Shots, atCounterStart } from './helpers';

/** What a resident sees of the start screen, element by element: text and box. */
async function layout(page: Page, root: string) {
  return page.locator(root).evaluate((r) => {
    const parts = ['.site-header .brand', '.site-header .who > span', '.display-options button', '.start h1', '.start .lead', '.start h2', '.lang-switch .lang', '.start .btn-large'];
    return parts.flatMap((sel) =>
      Array.from(r.querySelectorAll(sel)).map((e) => {
        const b = e.getBoundingClientRect();
        return { sel, text: (e as HTMLElement).innerText, x: Math.round(b.x), y: Math.round(b.y), w: Math.round(b.width), h: Math.round(b.height) };
      }),
    );
  });
}

test('the start screen comes with the page and the app takes over without a shift', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await atCounterStart(page);

  // Layout shifts, counted from the first paint.
  await page.addInitScript(() => {
    (window as any).__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // The app held back until the first screen has been looked at.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/counter', { waitUntil: 'commit' });

  const first = page.locator('#first-screen');
  await expect(first.getByRole('heading', { level: 1, name: 'ようこそ' })).toBeVisible();
  await expect(first.getByRole('button', { name: '受付をはじめる' })).toBeDisabled();
  await expect(first.getByRole('button', { name: 'English' })).toBeDisabled();
  await expect(first.getByRole('button', { name: 'サインアウト' })).toBeDisabled();
  const before = await layout(page, '#first-screen');
  expect(before.length).toBeGreaterThan(10);
  await shots.take('before-the-app'); // and axe-core on the server's copy


  release();
  await expect(first).toHaveCount(0);
  await expect(page.locator('#main').getByRole('button', { name: '受付をはじめる' })).toBeEnabled();
  const after = await layout(page, 'body');
  expect(after).toEqual(before);
  expect(await page.evaluate(() => (window as any).__shift)).toBe(0);
  await shots.take('the-app');
  await page.unroute('**/*.wasm');
});

test('without a counter session the page comes plain and sends staff to sign in', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.goto('/counter');
  expect(await res!.text()).not.toContain('id="first-screen"');
  await expect(page.getByRole('heading', { name: '職員サインイン' })).toBeVisible();
  await context.close();
});

test('the tablet downloads only the counter, and staff pages never download it', async ({ page }) => {
  // Two browser builds (scripts/post-build.mjs): the counter's under /counter-app/, the
  // rest at the site's root. Moving between them loads the other page from the server.
  const fetched: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\.(wasm|js)$/.test(path)) fetched.push(path);
  });
  await atCounterStart(page);
  fetched.length = 0;
  await page.reload();
  await expect(page.locator('#main').getByRole('button', { name: '受付をはじめる' })).toBeEnabled();
  expect(fetched.length).toBeGreaterThan(1);
  for (const path of fetched) expect(path).toMatch(/^\/counter-app\//);

  // From the counter to a page it does not carry: the page comes from the other build.
  fetched.length = 0;
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'ようこそ' })).toHaveCount(0);
  expect(fetched.length).toBeGreaterThan(1);
  for (const path of fetched) expect(path).not.toMatch(/^\/counter-app\//);

  // And from the start page's card back to the counter, by the app's own link.
  await page.goto('/office');
  fetched.length = 0;
  await page.getByRole('link', { name: /窓口タブレット/ }).click();
  await expect(page.locator('#main').getByRole('button', { name: '受付をはじめる' })).toBeEnabled();
  expect(page.url()).toMatch(/\/counter$/);
  for (const path of fetched) expect(path).toMatch(/^\/counter-app\//);
});
