// Signing in at the local OpenID Connect provider (end2end/oidc/provider.mjs), as a
// resident does from the public pages.
import { expect, Page } from '@playwright/test';

const IDP = process.env.MADOGUCHI_E2E_IDP ?? 'http://localhost:3901';

/** Goes from the navigator to the provider's page by the header's link; returns the
 * authorization request the browser was sent with. */
export async function toProvider(page: Page): Promise<URL> {
  let auth: URL | undefined;
  const seen = (r: { url(): string }) => {
    const u = new URL(r.url());
    if (r.url().startsWith(IDP) && u.pathname === '/auth') auth = u;
  };
  page.on('request', seen);
  await page.goto('/');
  await page.getByRole('link', { name: 'マイページ' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'マイページ' })).toBeVisible();
  await page.getByRole('link', { name: 'マイナンバーカードでログイン' }).click();
  await page.waitForURL((u) => u.href.startsWith(IDP));
  await expect(page.getByRole('heading', { level: 1, name: 'デモ用の本人確認' })).toBeVisible();
  page.off('request', seen);
  expect(auth, 'the authorization request').toBeDefined();
  return auth!;
}

/** Chooses an identity at the provider and consents; returns the callback's address. */
export async function signInAs(page: Page, name: string, landing: RegExp = /\/my(\?lang=[a-z-]+)?$/i): Promise<string> {
  let callback = '';
  const seen = (r: { url(): string }) => { if (r.url().includes('/auth/oidc/callback')) callback = r.url(); };
  page.on('request', seen);
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await expect(page.getByRole('heading', { level: 1, name: '情報の提供に同意しますか' })).toBeVisible();
  await page.getByRole('button', { name: '同意する' }).click();
  await page.waitForURL(landing);
  page.off('request', seen);
  return callback;
}

