// Pre-entry: at home, on the phone, a resident types what the city cannot know for a
// birth (the baby's name, the hospital, the bank account) and gets a QR code. At the
// counter, the tablet's camera reads it — Chromium's fake camera plays a video of the
// very code the phone showed — and the values join the visit to be confirmed screen by
// screen, ending in submitted applications without retyping. A used code is refused.
import { chromium, expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { answerAll, consent, findHousehold, jstDay, Shots, signAndSubmit, signIn, startNewVisit } from './helpers';

/** The QR code's modules as the page drew them (one `M x y h1v1h-1z` per dark module). */
async function qrModules(page: Page): Promise<{ size: number; dark: Set<string> }> {
  const svg = page.locator('.ticket-card svg.qr');
  const box = (await svg.getAttribute('viewBox'))!.split(' ').map(Number);
  const d = (await svg.locator('path').getAttribute('d'))!;
  const dark = new Set<string>();
  for (const m of d.matchAll(/M(\d+) (\d+)/g)) dark.add(`${m[1]},${m[2]}`);
  return { size: box[2], dark };
}

/** A Y4M video (what Chromium's fake camera plays) of the code, black on white. */
function y4m(qr: { size: number; dark: Set<string> }): string {
  const [w, h] = [640, 480];
  const px = Math.floor(440 / qr.size);
  const [x0, y0] = [Math.floor((w - qr.size * px) / 2), Math.floor((h - qr.size * px) / 2)];
  const y = Buffer.alloc(w * h, 235);
  for (let r = 0; r < qr.size * px; r += 1) {
    for (let c = 0; c < qr.size * px; c += 1) {
      if (qr.dark.has(`${Math.floor(c / px)},${Math.floor(r / px)}`)) y[(y0 + r) * w + x0 + c] = 16;
    }
  }
  const chroma = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const file = path.join(os.tmpdir(), `madoguchi-qr-${process.pid}.y4m`);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F5:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  return file;
}

test('a birth entered at home is read at the counter by its QR code and submitted without retyping', async ({ page, baseURL }, info) => {
  test.setTimeout(180_000);
  const shots = new Shots(page, info);
  const born = jstDay(-2);

  // At home: the navigator for a birth in a household of two.
  await page.goto('/');
  await page.getByRole('button', { name: /子どもが生まれた/ }).click();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.locator('#me-birth').fill('1990-05-01');
  await page.locator('[data-member="me"]').getByText('男性').click();
  await page.getByRole('button', { name: '+ 夫・妻' }).click();
  await page.locator('#partner1-birth').fill('1992-07-10');
  await page.locator('[data-member="partner1"]').getByText('女性').click();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.locator('#event-0-date').fill(born);
  await page.getByRole('button', { name: '手続きを見る' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'あなたの手続き' })).toBeVisible();
  await answerAll(page, /国民健康保険/, 'いいえ', '答える');
  await expect(page.locator('.prepare-offer')).toBeVisible();
  await shots.take('result-offer');
  await page.getByRole('button', { name: '入力をはじめる' }).click();

  // The pre-entry: nothing about the registry is asked, nothing is required; what is
  // typed is checked as at the counter.
  await expect(page.getByRole('heading', { level: 1, name: '来庁前の入力' })).toBeVisible();
  await expect(page.locator('main')).toContainText('14日');
  await expect(page.locator('#applicant-name')).toHaveCount(0);
  await expect(page.locator('#applicant-my_number')).toHaveCount(0);
  await page.locator('#baby-family_name').fill('山田');
  await page.locator('#baby-given_name').fill('陽菜');
  await page.locator('#baby-family_kana').fill('ヤマダ');
  await page.locator('#baby-given_kana').fill('ひな');
  await page.locator('#baby-sex').getByText('女').click();
  await page.getByLabel('父', { exact: true }).check();
  await page.locator('#applicant-phone').fill('090-1234');
  await page.locator('#baby-birth_time').fill('14:35');
  await page.locator('#baby-birth_place').fill('星ヶ丘市立病院');
  await page.locator('#baby-birth_place_address').fill('星ヶ丘市中央1丁目1-1');
  await page.getByLabel('単胎 (1人)').check();
  await page.locator('#birth-due_date').fill('令和8年11月22日');
  await page.getByLabel('利用した (差額あり)').check();
  await page.locator('#birth-hospital_paid').fill('480,000');
  await page.getByRole('group', { name: /産科医療補償制度/ }).getByLabel('はい').check();
  await page.locator('#bank-account-bank_code').fill('0001');
  await page.locator('#bank-account-branch_code').fill('123');
  await page.locator('#bank-account-number').fill('1234567');
  await page.locator('#bank-account-holder').fill('ヤマダ タロウ');
  await page.getByRole('button', { name: 'QRコードをつくる' }).click();
  // A wrong phone number: said beside the field and at the top; nothing was made.
  await expect(page.locator('#error-summary')).toContainText('電話番号');
  await expect(page.locator('#applicant-phone-error')).toContainText('10けたか11けた');
  await shots.take('prepare-error');
  await page.locator('#applicant-phone').fill('090-1234-5678');
  await shots.take('prepare');
  await page.getByRole('button', { name: 'QRコードをつくる' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '窓口で見せるQRコード' })).toBeVisible();
  const code = (await page.locator('#pre-entry-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await expect(page.locator('.ticket-until')).toContainText('まで使えます');
  await shots.take('ticket');
  const video = y4m(await qrModules(page));

  // At the counter: a tablet whose camera sees the phone's screen.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const tablet = await browser.newContext({
      baseURL, locale: 'ja-JP', timezoneId: 'Asia/Tokyo',
      viewport: { width: 820, height: 1180 }, hasTouch: true, permissions: ['camera'],
    });
    const counter = await tablet.newPage();
    shots.page = counter;
    await counter.goto('/counter');
    await signIn(counter, 'counter');
    await startNewVisit(counter);
    await expect(counter.getByRole('heading', { name: 'どんなことがありましたか' })).toBeVisible();
    await shots.take('counter-event');
    await counter.getByRole('button', { name: 'QRコードを読み取る' }).click();
    await expect(counter.getByText('来庁前の入力を読み込みました')).toBeVisible({ timeout: 20_000 });
    await expect(counter.getByRole('button', { name: /子どもが生まれた/ })).toHaveAttribute('aria-pressed', 'true');
    await shots.take('counter-loaded');
    await counter.getByRole('button', { name: '次へ' }).click();
    await findHousehold(counter, 'ヤマダ タロウ', '1990-05-01');
    await counter.getByRole('button', { name: 'この世帯で進める' }).click();
    await consent(counter);

    // The baby as typed at home, to be confirmed (the reading as katakana).
    await expect(counter.getByRole('heading', { name: '生まれたお子さんのこと' })).toBeVisible();
    await expect(counter.locator('.alert-info')).toContainText('来庁前に入力した内容');
    await expect(counter.locator('#given_name')).toHaveValue('陽菜');
    await expect(counter.locator('#baby_birth_date')).toHaveValue(born);
    await shots.take('counter-baby');
    await counter.getByRole('button', { name: '次へ' }).click();
    await expect(counter.locator('li.procedure')).toHaveCount(6);
    await counter.getByRole('button', { name: '申請書をつくる' }).click();
    await counter.getByRole('button', { name: 'この内容で進める' }).click();

    // Every screen already holds what was typed at home; only My Number is asked.
    await expect(counter.getByRole('heading', { name: '届け出る方' })).toBeVisible();
    await expect(counter.locator('#applicant-phone')).toHaveValue('090-1234-5678');
    await shots.take('counter-interview');
    for (let i = 0; i < 8; i += 1) {
      const heading = (await counter.locator('h1').textContent())!.trim();
      if (heading === '申請内容の確認') break;
      if (heading === 'マイナンバー') await counter.locator('#applicant-my_number').fill('1234 5678 9018');
      await counter.getByRole('button', { name: '次へ' }).click();
      await expect(counter.locator('h1')).not.toHaveText(heading);
    }
    await expect(counter.getByRole('heading', { name: '申請内容の確認' })).toBeVisible();
    await expect(counter.locator('main')).toContainText('金融機関コード 0001 支店コード 123 普通 1234567 名義 ヤマダ　タロウ');
    await expect(counter.locator('main')).toContainText('星ヶ丘市立病院');
    await expect(counter.locator('main')).toContainText('ヒナ');
    await shots.take('counter-review');
    await signAndSubmit(counter);
    await expect(counter.locator('table.receipt tbody tr')).toHaveCount(6);
    await shots.take('counter-receipt');

    // The code was used: typed again in a new visit, it is refused, plainly.
    await counter.getByRole('button', { name: '終了する' }).click();
    await counter.getByLabel('満足', { exact: true }).check();
    await counter.getByRole('button', { name: '送って終わる' }).click();
    await startNewVisit(counter);
    await counter.locator('#pre-entry-code').fill(code.toLowerCase());
    await counter.getByRole('button', { name: 'コードで読み込む' }).click();
    await expect(counter.getByRole('alert')).toContainText('使用済みか、有効期限が切れています');
    await counter.locator('#pre-entry-code').fill('K7M3-Q9P0');
    await counter.getByRole('button', { name: 'コードで読み込む' }).click();
    await expect(counter.getByRole('alert')).toContainText('英数字 8文字');
    await shots.take('counter-used-code');
    await counter.getByRole('button', { name: '受付をやめる' }).click();
    await tablet.close();
  } finally {
    await browser.close();
    fs.rmSync(video, { force: true });
  }
});
