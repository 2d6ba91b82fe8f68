// Residents signing in online on their own phone (360 px), through a real OpenID
// Connect provider started beside the server (npm's oidc-provider configured like the
// Digital Agency's: PKCE S256, state, nonce, private_key_jwt; scripts/browser-tests.sh):
// a match with the registry by the four basic facts, no match said plainly, and every
// way a callback can be wrong — cancelled, a wrong state, a replayed callback, a
// replayed authorization code — each refused with a message and nothing signed in.
import { expect, Page, test } from '@playwright/test';
import { Shots } from './helpers';
import { signInAs, toProvider } from './oidc';

/** Starts a sign-in up to the provider's page: the `state` this browser now holds. */
async function stateOfNewSignIn(page: Page): Promise<string> {
  const state = (await toProvider(page)).searchParams.get('state') ?? '';
  expect(state).toMatch(/^[0-9a-f]{64}$/);
  return state;
}

test('a resident signs in with the card, is matched with the registry, and signs out', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/my');
  await expect(page.getByText('カードの氏名・住所・生年月日・性別を市の住民記録と照らし合わせます')).toBeVisible();
  await shots.take('my-page');
  // What the provider was asked for: the code flow with PKCE S256, state and nonce.
  const auth = await toProvider(page);
  await shots.take('provider');
  const callback = await signInAs(page, '山田 太郎');
  await expect(page.locator('#signed-in-as')).toHaveText('山田 太郎さん、ようこそ。');
  await expect(page.locator('#match-status')).toContainText('市の住民記録と一致しました');
  await shots.take('signed-in-matched');
  expect(callback).toContain('code=');

  // The same callback again (a replay from the history or a stolen address): this
  // browser's sign-in is used up, so it is refused, and the session already open stays.
  await page.goto(callback);
  await page.waitForURL(/\/my\?error=expired$/);
  await expect(page.locator('#sign-in-error')).toContainText('もう一度ログインしてください');
  await expect(page.locator('#signed-in-as')).toBeVisible();
  await shots.take('replayed-callback');

  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page.getByRole('link', { name: 'マイナンバーカードでログイン' })).toBeVisible();
  await shots.take('signed-out');

  // The code again with a fresh sign-in's state: the provider refuses a code used once.
  const code = new URL(callback).searchParams.get('code')!;
  const state = await stateOfNewSignIn(page);
  await page.goto(`/auth/oidc/callback?code=${encodeURIComponent(code)}&state=${state}`);
  await page.waitForURL(/error=code_rejected&lang=ja$/);
  await expect(page.locator('#sign-in-error')).toContainText('このログインはもう使われています');
  await expect(page.getByRole('link', { name: 'マイナンバーカードでログイン' })).toBeVisible();
  expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
  expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  expect(auth.searchParams.get('nonce')).toMatch(/^[0-9a-f]{64}$/);
  expect(auth.searchParams.get('scope')).toBe('openid name address birthdate gender');
  expect(auth.searchParams.get('prompt')).toBe('login');
});

test('no match in the registry is said plainly; a cancel and a wrong state sign nobody in', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await toProvider(page);
  await signInAs(page, '鈴木 一郎');
  await expect(page.locator('#match-status')).toContainText('一致する方が見つかりませんでした');
  await shots.take('signed-in-no-match');
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page.getByRole('link', { name: 'マイナンバーカードでログイン' })).toBeVisible();

  // Cancelled at the provider.
  await toProvider(page);
  await page.getByRole('button', { name: 'やめる' }).click();
  await page.waitForURL(/error=cancelled&lang=ja$/);
  await expect(page.locator('#sign-in-error')).toHaveText('ログインをやめました。');
  await expect(page.getByRole('link', { name: 'マイナンバーカードでログイン' })).toBeVisible();
  await shots.take('cancelled');

  // A callback whose state is not this browser's (a forged link).
  await stateOfNewSignIn(page);
  await page.goto('/auth/oidc/callback?code=forged&state=0000');
  await page.waitForURL(/error=state_mismatch&lang=ja$/);
  await expect(page.locator('#sign-in-error')).toContainText('ログインを確かめられませんでした');
  await expect(page.getByRole('link', { name: 'マイナンバーカードでログイン' })).toBeVisible();

  // Cancelled from the English page: back to it in English, with the message.
  await page.goto('/my?lang=en');
  await page.getByRole('link', { name: 'Sign in with My Number Card' }).click();
  await page.getByRole('button', { name: 'やめる' }).click();
  await page.waitForURL(/\/my\?error=cancelled&lang=en$/);
  await expect(page.getByRole('heading', { level: 1, name: 'My page' })).toBeVisible();
  await expect(page.locator('#sign-in-error')).toHaveText('You cancelled the sign-in.');
  await shots.take('english');
});
