// A resident applies from home on their own phone (360 px), signed in through the
// local OpenID Connect provider: the counter's steps for their own household, prefilled
// from the registry, saved on the server at every step (a reload carries on), only the
// procedures that can be done online sent — into the departments' queues, marked
// online. Another resident of the same household does not see it.
import { expect, test } from '@playwright/test';
import { answerInterview, jstDay, Shots, signIn } from './helpers';
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
  test.setTimeout(150_000);
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
  const document = (await page.locator('label[for=attachment-0]').textContent())!.trim();
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
});
