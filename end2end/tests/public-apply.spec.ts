// A resident applies from home on their own phone (360 px), signed in through the
// local OpenID Connect provider: the counter's steps for their own household, prefilled
// from the registry, saved on the server at every step (a reload carries on), only the
// procedures that can be done online sent — into the departments' queues, marked
// online; returned by the department, corrected (a value, a new photo) and sent again
// from "my applications".
// Another resident of the same household does not see it.
import { expect, test } from '@playwright/test';
import { answerInterview, jstDay, Shots, signIn } from './helpers';
import { nthMail } from './mailbox';
import { signInAs, toProvider } from './oidc';

/** A small PNG that is whole (signature, header chunk, end chunk). */
function png(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    Buffer.from('IHDR'), Buffer.alloc(21), Buffer.from('IEND'), Buffer.from([0xae, 0x42, 0x60, 0x82]),
  ]);
}

test('a signed-in resident applies online for a birth, and the department sees it marked online', async ({ page, browser }, info) => {
  // Three people: the resident, the department's staff, and another resident.
  test.setTimeout(200_000);
  const shots = new Shots(page, info);
  await toProvider(page);
  await signInAs(page, '山田 太郎');
  await page.getByRole('link', { name: '家から申請する' }).click();
  await expect(page).toHaveURL(/\/my\/apply$/);

  // The counter's first step, without the pre-entry reader or the household search.
  await expect(page.getByRole('heading', { level: 1, name: 'どんなことがありましたか' })).toBeVisible();
  await expect(page.locator('.progress-text')).toHaveText('ステップ 1 / 8');
  await page.getByRole('button', { name: /子どもが生まれた/ }).click();
  await shots.take('event');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '税の情報を使ってよいですか' })).toBeVisible();
  await page.getByRole('button', { name: '同意する' }).click();

  // The baby: the family name from the registry.
  await expect(page.getByRole('heading', { name: '生まれたお子さんのこと' })).toBeVisible();
  await expect(page.locator('#family_name')).toHaveValue('山田');
  await page.locator('#given_name').fill('陽菜');
  await page.locator('#given_kana').fill('ヒナ');
  await page.locator('#baby_birth_date').fill(jstDay(-2));
  await page.getByLabel('女').check();
  await shots.take('baby');
  await page.getByRole('button', { name: '次へ' }).click();

  // Which of the procedures can be done from home, which at the counter.
  await expect(page.locator('#online-split')).toContainText('家から申請できる手続きは');
  await expect(page.locator('#online-split')).toContainText('窓口でお手続きください');
  await shots.take('procedures');

  // A dropped connection or a reload loses nothing: the server kept the state.
  await page.reload();
  await expect(page.locator('#online-split')).toContainText('家から申請できる手続きは');
  await expect(page.locator('li.procedure').first()).toBeVisible();
  await page.getByRole('button', { name: '申請書をつくる' }).click();

  // The values the city holds, to confirm: nothing typed again.
  await expect(page.getByRole('heading', { name: '登録されている内容の確認' })).toBeVisible();
  await expect(page.locator('main')).toContainText('山田　太郎');
  await shots.take('confirm');
  await page.getByRole('button', { name: 'この内容で進める' }).click();
  const screens = await answerInterview(page, '書類の写真');
  expect(screens.length).toBeGreaterThan(0);

  // Photos of the documents: a file that claims to be a PDF but is not is refused with
  // a message; a photo is kept and listed.
  await expect(page.locator('.progress-text')).toHaveText('ステップ 6 / 8');
  const first = page.locator('#attachment-0');
  const document = (await page.locator('label.field-label[for=attachment-0]').textContent())!.trim();
  await first.setInputFiles({ name: 'tsucho.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
  await expect(page.locator('#attachment-0-error')).toHaveText('写真 (JPEG・PNG) かPDFのファイルを選んでください');
  await first.setInputFiles({ name: 'tsucho.png', mimeType: 'image/png', buffer: png() });
  await expect(page.locator('.attached-name').first()).toHaveText('tsucho.png');
  await expect(page.locator('#attachment-0-error')).toHaveCount(0);
  await shots.take('attachments');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '申請内容の確認' })).toBeVisible();
  await shots.take('review');
  await page.getByRole('button', { name: 'この内容で送信へ進む' }).click();

  // No signature pad online: the card was the signature.
  await expect(page.getByRole('heading', { level: 1, name: '送信' })).toBeVisible();
  await expect(page.locator('canvas.signature-pad')).toHaveCount(0);
  await page.getByRole('button', { name: '申請する' }).click();
  await expect(page.getByRole('heading', { name: '受け付けました' })).toBeVisible();
  const visitNumber = (await page.locator('.receipt-number strong').textContent())!.trim();
  await expect(page.locator('table.receipt tbody tr').first()).toBeVisible();
  await expect(page.locator('main')).toContainText('マイページで確かめられます');
  await shots.take('receipt');

  // On their page: the receipt as a PDF, and e-mail notices. The address is used only
  // once the code sent to it is typed back.
  await page.goto('/my');
  const receipt = page.locator('.receipt-link').first();
  await expect(receipt).toContainText(visitNumber);
  const pdf = await page.request.get((await receipt.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const address = 'taro.yamada@example.jp';
  await page.locator('#notice-email').fill('taro.yamada@example');
  await page.locator('#notice-send').click();
  await expect(page.locator('#notice-email')).toHaveAttribute('aria-invalid', 'true');
  await page.locator('#notice-email').fill(address);
  await page.locator('#notice-send').click();
  await expect(page.locator('#notice-code-sent')).toContainText(address);
  const code = (await nthMail(address, 1)).text.match(/\b(\d{6})\b/)![1];
  await page.locator('#notice-code').fill(code === '000000' ? '111111' : '000000');
  await page.locator('#notice-confirm').click();
  await expect(page.locator('#notice-code')).toHaveAttribute('aria-invalid', 'true');
  await shots.take('notice-code-wrong');
  await page.locator('#notice-code').fill(code);
  await page.locator('#notice-confirm').click();
  await expect(page.locator('#notice-confirmed')).toContainText(address);
  await shots.take('notice-confirmed');

  // The department's queue has it, marked online.
  // (Staff work at a desk: a tablet-sized window, not the resident's phone.)
  const staffCtx = await browser.newContext({ viewport: { width: 1180, height: 820 }, isMobile: false, hasTouch: false });
  const kodomo = await staffCtx.newPage();
  shots.page = kodomo;
  await kodomo.goto('/staff');
  await signIn(kodomo, 'kodomo');
  await expect(kodomo.getByRole('heading', { name: '受付一覧' })).toBeVisible();
  await kodomo.getByRole('link', { name: /児童手当 認定請求/ }).first().click();
  await expect(kodomo.locator('main')).toContainText(visitNumber);
  await expect(kodomo.locator('main .tag-info')).toHaveText('オンライン申請');
  // The photo, for this department, as a download of the type its content showed.
  const file = kodomo.getByRole('link', { name: 'tsucho.png' });
  await expect(kodomo.locator('.attachments-read')).toContainText(document);
  const got = await kodomo.request.get((await file.getAttribute('href'))!);
  expect(got.status()).toBe(200);
  expect(got.headers()['content-type']).toBe('image/png');
  expect(got.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(Buffer.compare(await got.body(), png())).toBe(0);
  await shots.take('kodomo-application');

  // The department returns it (差戻し), saying why in words the resident reads.
  const reason = '口座番号を確認できませんでした。通帳のとおりに入力してください。';
  await kodomo.locator('#note').fill(reason);
  await kodomo.getByRole('button', { name: '差し戻す' }).click();
  await expect(kodomo.locator('.summary-row.staff-only dd')).toHaveText('差戻し');
  const returnedUrl = kodomo.url();

  // An e-mail says something changed and where to look — no procedure, no reason.
  const notice = await nthMail(address, 2);
  expect(notice.text).toContain('/my');
  expect(notice.text).not.toContain('児童手当');
  expect(notice.text).not.toContain('口座番号');

  // The resident sees it on their page with the reason, corrects the account number
  // (what the city's records hold cannot be corrected here), and sends it again.
  shots.page = page;
  await page.goto('/my');
  const item = page.locator('.my-application[data-status=returned]');
  await expect(item).toHaveCount(1);
  await expect(item.locator('.tag')).toHaveText('直してください');
  await expect(item.locator('.reason')).toContainText(reason);
  await expect(page.locator('.my-application[data-status=received]').first()).toBeVisible();
  await shots.take('my-applications-returned');
  await item.getByRole('link', { name: '直して送り直す' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '申請を直す' })).toBeVisible();
  await expect(page.locator('#return-reason')).toContainText(reason);
  await expect(page.locator('li[data-key="applicant.name"] button')).toHaveCount(0);
  // The photo sent before is listed; a clearer one is added, to go with the correction.
  await expect(page.locator('.sent-files')).toContainText('tsucho.png');
  await page.locator('#attachment-0').setInputFiles({ name: 'tsucho-2.png', mimeType: 'image/png', buffer: png() });
  await expect(page.locator('.attachment .attached').first()).toContainText('tsucho-2.png');
  const bank = page.locator('li[data-key="bank.account"]');
  await bank.getByRole('button', { name: '直す' }).click();
  await page.locator('#bank-account-bank_code').fill('0001');
  await page.locator('#bank-account-branch_code').fill('123');
  await bank.locator('.radios input').first().check();
  await page.locator('#bank-account-number').fill('7654321');
  await page.locator('#bank-account-holder').fill('山田');
  await page.getByRole('button', { name: '直した内容で送る' }).click();
  // Katakana only: refused next to the input, nothing sent.
  await expect(page.locator('#error-summary')).toBeVisible();
  await expect(page.locator('#bank-account-holder')).toHaveAttribute('aria-invalid', 'true');
  await shots.take('correction-error');
  await page.locator('#bank-account-holder').fill('ヤマダ タロウ');
  await page.locator('#message').fill('口座番号を直しました。');
  await page.getByRole('button', { name: '直した内容で送る' }).click();
  await expect(page.locator('#resubmitted')).toContainText('送り直しました');
  await shots.take('resubmitted');
  await page.getByRole('link', { name: 'マイページへ戻る' }).click();
  await expect(page.locator('.my-application[data-status=returned]')).toHaveCount(0);

  // Back in the department's queue as received, the correction in its history.
  shots.page = kodomo;
  await kodomo.goto(returnedUrl);
  await expect(kodomo.locator('.summary-row.staff-only dd')).toHaveText('受付');
  await expect(kodomo.locator('ol.history li[data-kind=resubmitted]')).toContainText('口座番号を直しました。');
  await expect(kodomo.locator('main')).toContainText('7654321');
  await expect(kodomo.locator('ol.history li[data-kind=resubmitted]')).toContainText('追加した書類: tsucho-2.png');
  await expect(kodomo.getByRole('link', { name: 'tsucho-2.png' })).toBeVisible();
  await shots.take('kodomo-resubmitted');
  await staffCtx.close();

  // 山田 花子, of the same household, signed in on her own phone: a new application of
  // her own, nothing of his.
  const herCtx = await browser.newContext();
  const her = await herCtx.newPage();
  shots.page = her;
  await toProvider(her);
  await signInAs(her, '山田 花子');
  await her.getByRole('link', { name: '家から申請する' }).click();
  await expect(her.getByRole('heading', { level: 1, name: 'どんなことがありましたか' })).toBeVisible();
  await expect(her.getByRole('button', { name: /子どもが生まれた/ })).toHaveAttribute('aria-pressed', 'false');
  await shots.take('another-resident');
  await herCtx.close();
});

test('a resident the registry does not match is told so, and cannot apply', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/my/apply');
  await expect(page.getByText('申請するには、マイナンバーカードでログインしてください。')).toBeVisible();
  await toProvider(page);
  await signInAs(page, '鈴木 一郎');
  await expect(page.getByRole('link', { name: '家から申請する' })).toHaveCount(0);
  await page.goto('/my/apply');
  await expect(page.getByText('家からの申請はできません')).toBeVisible();
  await shots.take('not-matched');
  await page.getByRole('link', { name: 'マイページ' }).click();
  await page.getByRole('button', { name: 'ログアウト' }).click();

  // Signing in from the English page comes back in English.
  await page.goto('/my/apply?lang=en');
  await expect(page.getByText('To apply, sign in with your My Number Card.')).toBeVisible();
  await page.getByRole('link', { name: 'Sign in with My Number Card' }).click();
  // The provider asked for consent at the first sign-in and keeps it: straight back.
  await page.getByRole('button', { name: /鈴木 一郎/ }).click();
  await page.waitForURL(/\/my\/apply\?lang=en$/);
  await expect(page.getByText("so you cannot apply from home")).toBeVisible();
  await shots.take('not-matched-english');
});
