// Staff sign-in as staff meet it: enrolling an authenticator app and signing in with
// its code; an administrator's passkey (Chromium's virtual authenticator) used alone;
// a lockout an administrator lifts; a new account's temporary password changed at
// first sign-in; a disabled account thrown out at its next request; the auditor's log;
// and nothing of a resident left behind by Back after a visit or a sign-out.
import { test, expect, Page } from '@playwright/test';
import { Shots, consent, findHousehold, startNewVisit } from './helpers';
import { STAFF, enrol, enrolled, freshSignIn, keepPasskey, signIn, totpCode, typePassword, virtualAuthenticator } from './auth';

/** Console errors other than the browser's note of a 4xx answer (a wrong code is
 * answered 401 on purpose): a CSP violation or a script error shows up here. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

test('an authenticator app is enrolled at first sign-in and its code is asked from then on', async ({ page }, info) => {
  const shots = new Shots(page, info);
  const errors = consoleErrors(page);
  const who = info.project.name.includes('portrait') ? 'shimin' : 'seikatsu';
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/login\?next=\/staff/);
  await typePassword(page, who);
  await expect(page.getByRole('heading', { name: '2段階認証を設定してください' })).toBeVisible();
  await shots.take('enrol-choice');
  await page.getByRole('button', { name: '認証アプリを使う' }).click();
  await expect(page.locator('svg.qr')).toBeVisible();
  const secret = ((await page.locator('.totp-secret').textContent()) ?? '').replace(/\s/g, '');
  await shots.take('enrol-qr');
  // A wrong code first.
  await page.getByLabel('確認コード').fill('000000');
  await page.getByRole('button', { name: '設定する' }).click();
  await expect(page.getByRole('alert')).toContainText('確認コードが違う');
  const step = Math.floor(Date.now() / 30_000);
  await page.getByLabel('確認コード').fill(totpCode(secret, step));
  await page.getByRole('button', { name: '設定する' }).click();
  await expect(page.getByRole('heading', { name: 'リカバリーコードを保管してください' })).toBeVisible();
  await expect(page.locator('.recovery-codes li')).toHaveCount(10);
  await shots.take('recovery-codes');
  await page.getByRole('button', { name: '保管しました' }).click();
  await expect(page.getByRole('heading', { name: '受付一覧' })).toBeVisible();

  // Sign out: the next visit to /staff asks again, password then code.
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.waitForURL(/\/login$/);
  await expect(page.getByRole('heading', { name: '職員サインイン' })).toBeVisible();
  await page.goto('/staff');
  await typePassword(page, who);
  await expect(page.getByRole('heading', { name: '本人確認' })).toBeVisible();
  await shots.take('second-factor');
  // The code already used is refused (a replay), the next one is taken.
  await page.getByLabel('確認コード').fill(totpCode(secret, step));
  await page.getByRole('button', { name: '確認する' }).click();
  await expect(page.getByRole('alert')).toContainText('すでに使われています');
  await page.waitForTimeout((step + 1) * 30_000 - Date.now() + 300);
  await page.getByLabel('確認コード').fill(totpCode(secret, step + 1));
  await page.getByRole('button', { name: '確認する' }).click();
  await expect(page.getByRole('heading', { name: '受付一覧' })).toBeVisible();
  expect(errors, 'no console errors (CSP)').toEqual([]);
});

test('an administrator enrols a passkey and then signs in with it alone', async ({ page }, info) => {
  const shots = new Shots(page, info);
  const errors = consoleErrors(page);
  await page.goto('/admin/staff');
  const auth = await virtualAuthenticator(page, 'admin');
  await typePassword(page, 'admin');
  const enrolHeading = page.getByRole('heading', { name: '2段階認証を設定してください' });
  const verify = page.getByRole('heading', { name: '本人確認' });
  await expect(enrolHeading.or(verify)).toBeVisible();
  if (await enrolHeading.isVisible()) {
    // Administrators may only enrol a passkey.
    await expect(page.getByRole('button', { name: '認証アプリを使う' })).toHaveCount(0);
    await expect(page.getByText('管理者は、パスキー')).toBeVisible();
    await shots.take('admin-enrol');
    await enrol(page, 'admin', auth);
  } else {
    await page.getByRole('button', { name: 'パスキー・セキュリティキーを使う' }).click();
  }
  await expect(page.getByRole('heading', { name: '職員と権限' })).toBeVisible();
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.waitForURL(/\/login$/);
  await expect(page.getByRole('heading', { name: '職員サインイン' })).toBeVisible();

  // Passwordless: the key names its user.
  await page.getByRole('button', { name: 'パスキーでサインイン' }).click();
  await expect(page.locator('.who')).toContainText('管理 者');
  await keepPasskey('admin', auth);
  await shots.take('signed-in-with-passkey');
  expect(errors, 'no console errors (CSP)').toEqual([]);
});

test('five wrong passwords lock the account here until an administrator unlocks it', async ({ browser }, info) => {
  const victim = 'kansa';
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const shots = new Shots(page, info);
  await page.goto('/login');
  const submit = page.getByRole('button', { name: 'サインイン', exact: true });
  for (let i = 0; i < 5; i++) {
    await typePassword(page, victim, `wrong-password-${i}`);
    await expect(page.getByRole('alert')).toContainText('ユーザー名またはパスワードが違います');
    // The answer has come back (the form is ready again) before the next try.
    await expect(page.getByLabel('パスワード')).toHaveValue('');
    await expect(submit).toHaveText('サインイン');
  }
  await typePassword(page, victim);
  await expect(page.getByRole('alert')).toContainText('しばらく使えません');
  await shots.take('locked');

  // The administrator sees it locked and unlocks it.
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  shots.page = admin;
  await admin.goto('/admin/staff');
  await virtualAuthenticator(admin, 'admin');
  await signIn(admin, 'admin');
  await expect(admin.getByRole('heading', { name: '職員と権限' })).toBeVisible();
  const row = admin.locator('table.data tbody tr', { hasText: '監査 六子' }).first();
  await expect(row).toContainText('ロック中');
  await shots.take('staff-locked');
  await row.locator('summary').click();
  await row.getByRole('button', { name: 'ロックを解除' }).click();
  await expect(admin.getByRole('status')).toContainText('ロックを解除しました');
  await adminCtx.close();

  shots.page = page;
  await page.reload();
  await freshSignIn(page, victim);
  await expect(page.locator('.who')).toContainText('監査 六子');
  await ctx.close();
});

test('a new account gets a temporary password, chooses its own, and a disabled one is thrown out', async ({ browser }, info) => {
  const username = `tanaka-${info.project.name}`;
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  const shots = new Shots(admin, info);
  await admin.goto('/admin/staff');
  await virtualAuthenticator(admin, 'admin');
  await signIn(admin, 'admin');
  await admin.getByLabel('ユーザー名').fill(username);
  await admin.getByLabel('氏名').fill('田中 七海');
  await admin.getByLabel('窓口職員').check();
  await admin.getByRole('button', { name: /追加する/ }).click();
  const temporary = (await admin.locator('.temporary-password').textContent())!;
  expect(temporary).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
  await shots.take('temporary-password');

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  shots.page = page;
  await page.goto('/counter');
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill(temporary);
  await page.getByRole('button', { name: 'サインイン', exact: true }).click();
  await expect(page.getByRole('heading', { name: '新しいパスワードを決めてください' })).toBeVisible();
  await page.locator('#new_password').fill('password1234');
  await page.locator('#new_password_again').fill('password1234');
  await page.getByRole('button', { name: 'パスワードを変える' }).click();
  await expect(page.getByRole('alert')).toContainText('よく使われていて');
  await shots.take('common-password-refused');
  await page.locator('#new_password').fill('hoshigaoka-nanami-desk');
  await page.locator('#new_password_again').fill('hoshigaoka-nanami-desk');
  await page.getByRole('button', { name: 'パスワードを変える' }).click();
  await expect(page.getByRole('heading', { name: '2段階認証を設定してください' })).toBeVisible();
  await page.getByRole('button', { name: '認証アプリを使う' }).click();
  const secret = ((await page.locator('.totp-secret').textContent()) ?? '').replace(/\s/g, '');
  await page.getByLabel('確認コード').fill(totpCode(secret, Math.floor(Date.now() / 30_000)));
  await page.getByRole('button', { name: '設定する' }).click();
  await page.getByRole('button', { name: '保管しました' }).click();
  await expect(page.getByRole('button', { name: '受付をはじめる' })).toBeVisible();

  // Disabled by the administrator: the next request of the tablet finds no session.
  await admin.reload();
  const row = admin.locator('table.data tbody tr', { hasText: username }).first();
  await row.locator('summary').click();
  await row.getByRole('button', { name: '無効にする' }).click();
  await expect(admin.getByRole('status')).toContainText('無効にしました');
  await page.reload();
  await expect(page.getByRole('heading', { name: '職員サインイン' })).toBeVisible();
  await adminCtx.close();
  await ctx.close();
});

test('the auditor reads the log, checks the chain and downloads it', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/admin/audit');
  await signIn(page, 'kansa');
  await expect(page.getByRole('heading', { name: '監査ログ' })).toBeVisible();
  await expect(page.locator('table.audit tbody tr').first()).toBeVisible();
  await page.getByRole('button', { name: '検査する' }).click();
  await expect(page.getByRole('status').filter({ hasText: '異常はありません' })).toBeVisible();
  // The auditor's own sign-in is in the log.
  await page.getByLabel('職員 (ユーザー名)').fill('kansa');
  await page.getByRole('button', { name: 'さがす' }).click();
  await expect(page.locator('table.audit tbody tr').first()).toContainText('kansa');
  await expect(page.locator('table.audit')).toContainText('サインイン');
  await shots.take('audit-log');
  const href = await page.getByRole('link', { name: 'CSVでダウンロード' }).getAttribute('href');
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('seq,at_jst,staff,resident_account,action');
  // The same page in English: headings, filters, what each action and outcome means.
  await page.getByRole('group', { name: '表示言語 / Language' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'No problems' })).toBeVisible();
  await expect(page.locator('table.audit thead')).toContainText('Outcome');
  await expect(page.locator('table.audit tbody')).toContainText('Sign-in');
  await expect(page.locator('table.audit tbody')).toContainText('Succeeded');
  await expect(page.getByLabel('Staff (user name)')).toHaveValue('kansa');
  await shots.take('audit-log-english');
  // The auditor has no other page.
  await page.goto('/counter');
  await expect(page.getByRole('heading', { name: 'この画面は使えません' })).toBeVisible();
});

test('Back after a visit ends or after signing out shows nothing of the resident', async ({ page }, info) => {
  const shots = new Shots(page, info);
  // The tablet opened at the start page, as staff would, so Back has somewhere to go
  // (the sign-in on the way takes no place in the history).
  await page.goto('/office');
  await page.goto('/counter');
  await signIn(page, 'counter');
  await startNewVisit(page);
  await page.getByRole('button', { name: /子どもが生まれた/ }).click();
  await page.getByRole('button', { name: '次へ' }).click();
  await findHousehold(page, 'ヤマダ タロウ', '1990-05-01');
  await expect(page.locator('main')).toContainText('山田');
  // The resident's screens offer no way to staff pages.
  await expect(page.locator('header a[href="/office"]')).toHaveCount(0);
  await expect(page.locator('header a[href="/account"]')).toHaveCount(0);
  // The visit is ended (here: the tablet reloaded, staff end the interrupted visit).
  await page.reload();
  await page.getByRole('button', { name: '終了して新しく始める' }).click();
  await expect(page.getByRole('button', { name: '受付をはじめる' })).toBeVisible();
  await page.goBack();
  await expect(page.locator('body')).not.toContainText('山田');
  await shots.take('back-after-visit');
  await page.goto('/counter');
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.waitForURL(/\/login$/);
  await expect(page.getByRole('heading', { name: '職員サインイン' })).toBeVisible();
  await page.goBack();
  await expect(page.locator('body')).not.toContainText('山田');
  // Back to the start page, signed out: it offers signing in and nothing else.
  await expect(page.getByRole('link', { name: /職員サインイン/ }).or(page.getByRole('heading', { name: '職員サインイン' }))).toBeVisible();
  await expect(page.getByRole('button', { name: 'サインアウト' })).toHaveCount(0);
  await shots.take('back-after-sign-out');
  void consent;
  void enrolled;
  void STAFF;
});

test('a staff member adds a passkey and renews the recovery codes on their account page', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/account');
  await signIn(page, 'shunin');
  await expect(page.getByRole('heading', { name: 'アカウント', exact: true })).toBeVisible();
  await expect(page.locator('main')).toContainText('認証アプリ: 設定済み');
  const auth = await virtualAuthenticator(page);
  await page.getByLabel('新しいパスキーの名前').fill(`窓口タブレット ${info.project.name}`);
  await page.getByRole('button', { name: 'パスキーを追加する' }).click();
  await expect(page.getByRole('status')).toContainText('パスキーを登録しました');
  await expect(page.locator('main')).toContainText(`窓口タブレット ${info.project.name}`);
  void auth;
  await shots.take('account');
  await page.getByRole('button', { name: '新しく作る' }).click();
  await expect(page.getByRole('heading', { name: 'リカバリーコードを保管してください' })).toBeVisible();
  await page.getByRole('button', { name: '保管しました' }).click();
  await expect(page.locator('main')).toContainText('リカバリーコード: 残り 10 個');
});

test('an administrator manages staff and reads their account in English', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/admin/staff');
  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { name: '職員と権限' })).toBeVisible();
  await page.getByRole('group', { name: '表示言語 / Language' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Staff and permissions' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Staff accounts' })).toBeVisible();
  // Roles and permissions by the catalog's names, not the database's Japanese.
  const matrix = page.getByRole('region', { name: 'Roles and permissions table' });
  await expect(matrix).toContainText('Counter staff');
  await expect(matrix).toContainText('See and export the audit log');
  await expect(page.getByRole('region', { name: 'Sessions table' })).toContainText('Signed in');
  // A mistake is told in English too: a user name already taken.
  await page.getByLabel('User name').fill('admin');
  await page.locator('#display_name').fill('Someone');
  await page.getByLabel('Counter staff').check();
  await page.getByRole('button', { name: 'Add (a temporary password is issued)' }).click();
  await expect(page.getByRole('alert')).toContainText('Please check what you entered');
  await expect(page.locator('#username-error')).toContainText('Already in use');
  await shots.take('staff-english');
  await page.goto('/admin/rules');
  await expect(page.getByRole('heading', { name: 'Rules', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Version history' })).toBeVisible();
  await expect(page.locator('tr[data-status="published"] .version-status').first()).toContainText(/In force|Published/);
  await expect(page.getByRole('heading', { name: 'Procedures and rules' })).toBeVisible();
  await expect(page.locator('table.catalog')).toContainText('Birth registration 出生届');
  await shots.take('rules-english');
  // The rule compiler's messages in English too, the names of types translated inside.
  await page.getByLabel('File', { exact: true }).selectOption('events/birth.toml');
  const text = await page.locator('#rule-text').inputValue();
  await page.locator('#rule-text').fill(text.replace("claimant.insurance == 'nhi'", 'claimant.insurance == 75'));
  await page.getByRole('button', { name: 'Check (tests and impact)' }).click();
  await expect(page.locator('.check-report')).toContainText('There are errors (nothing can be saved)');
  await expect(page.locator('.rule-errors')).toContainText('events/birth.toml:');
  await expect(page.locator('.rule-errors')).toContainText('Cannot compare a kind of insurance with a number (in `claimant.insurance == 75`)');
  await expect(page.locator('.rule-errors')).not.toContainText('比べられません');
  await shots.take('rule-error-english');
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Account', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Passkeys and security keys' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
  // A new password the policy refuses, told in English (the current one is right, so
  // nothing counts towards a lockout).
  await page.getByLabel('Current password').fill('hoshigaoka-kanrisha');
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Change', exact: true }).click();
  await expect(page.locator('#error-summary')).toContainText('Use a password of at least 12 characters');
  await shots.take('account-english');
});
