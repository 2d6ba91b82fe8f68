import { expect, Page, TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';
import * as path from 'path';

/** Saves a full-page screenshot of the current step under end2end/screenshots/ and
 * checks the page with axe-core against WCAG 2.2 A and AA. */
export class Shots {
  private n = 0;
  /** `page` may be switched to another page (another staff member's browser). */
  constructor(public page: Page, private info: TestInfo) {}
  private dir() {
    const dir = path.join(__dirname, '..', 'screenshots', this.info.project.name, this.info.title.replace(/[^\w-]+/g, '_'));
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }
  /** Keeps a document the step produced (a printed PDF) beside the screenshots. */
  keep(name: string, data: Buffer) {
    fs.writeFileSync(path.join(this.dir(), name), data);
  }
  async take(step: string) {
    this.n += 1;
    const dir = this.dir();
    const file = path.join(dir, `${String(this.n).padStart(2, '0')}-${step}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    await expectAccessible(this.page, step);
  }
}

import { STAFF, signIn } from './auth';
export { STAFF, signIn };

/** Starts a new visit on the tablet's start screen. A visit another test left open is
 * offered for resuming first (by number only); it is ended, as staff would. */
export async function startNewVisit(page: Page) {
  const start = page.getByRole('button', { name: '受付をはじめる' });
  const discard = page.getByRole('button', { name: '終了して新しく始める' });
  await expect(start.or(discard)).toBeVisible();
  if (await discard.isVisible()) await discard.click();
  await start.click();
}

/** Signed in on the tablet's start screen, at rest (a visit an earlier test left open
 * ended, as staff would), the app ready to take a tap. */
export async function atCounterStart(page: Page) {
  await page.goto('/counter');
  await signIn(page, 'counter');
  const discard = page.getByRole('button', { name: '終了して新しく始める' });
  const begin = page.getByRole('button', { name: '受付をはじめる' });
  await expect(begin.or(discard)).toBeEnabled();
  if (await discard.isVisible()) await discard.click();
  await expect(begin).toBeEnabled();
}

/** From the tablet's sign-in to the household search of a new birth visit. */
export async function beginBirthVisit(page: Page) {
  await page.goto('/counter');
  await signIn(page, 'counter');
  await startNewVisit(page);
  await page.getByRole('button', { name: /子どもが生まれた/ }).click();
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '世帯をさがす' })).toBeVisible();
}

/** Finds a household by kana and date of birth and waits for its members. */
export async function findHousehold(page: Page, kana: string, birthDate: string) {
  await page.locator('#kana').fill(kana);
  await page.locator('#birth_date').fill(birthDate);
  await page.getByRole('button', { name: 'さがす' }).click();
  await expect(page.getByRole('heading', { name: '世帯の方を確認してください' })).toBeVisible();
}

/** A day relative to today in Japan, as YYYY-MM-DD. */
export function jstDay(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
}

/** No axe-core violations of WCAG 2.0–2.2 A/AA on the page as it is now. */
export async function expectAccessible(page: Page, step: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `accessibility problems on "${step}"`).toEqual([]);
}

/** A sample value for an interview input, by the field it belongs to. */
export function sampleFor(id: string): string {
  const rules: [RegExp, string][] = [
    [/my_number/, '123456789018'],
    [/bank_code/, '0001'],
    [/branch_code/, '123'],
    [/account-number/, '1234567'],
    [/holder|kana/, 'ホシノ ハナコ'],
    [/time/, '10:30'],
    [/date/, '令和8年11月1日'],
    [/phone/, '0859-22-1111'],
    [/postal/, '683-0823'],
    [/address|domicile/, '星ヶ丘市中央1丁目2-3'],
    [/name|host|head/, '星野 花子'],
    [/paid/, '480000'],
    [/weeks/, '12'],
  ];
  return rules.find(([re]) => re.test(id))?.[1] ?? '星ヶ丘市立病院';
}

/** Answers every screen of the interview with sample values, from the screen after
 * the confirmation to the review (or the screen headed `until`); returns the headings
 * of the screens seen. */
export async function answerInterview(page: Page, until = '申請内容の確認'): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 12; i++) {
    const heading = (await page.locator('h1').textContent())?.trim() ?? '';
    if (heading === until) return seen;
    seen.push(heading);
    for (const input of await page.locator('form input:not([type=radio])').all()) {
      if ((await input.inputValue()) === '') {
        await input.fill(sampleFor((await input.getAttribute('id')) ?? ''));
      }
    }
    for (const group of await page.locator('form .radios').all()) {
      if ((await group.locator('input:checked').count()) === 0) {
        await group.locator('input').first().check();
      }
    }
    await page.getByRole('button', { name: '次へ' }).click();
    await expect(page.locator('h1')).not.toHaveText(heading);
  }
  throw new Error(`the interview did not reach the review: ${seen.join(' → ')}`);
}

/** The consent to use tax data, as most residents give it (or refuse it). */
export async function consent(page: Page, granted = true) {
  await expect(page.getByRole('heading', { name: '税の情報を使ってよいですか' })).toBeVisible();
  await page.getByRole('button', { name: granted ? '同意する' : '同意しない' }).click();
}

/** Signs on the pad with a stroke across it, as a finger would. */
export async function sign(page: Page) {
  await expect(page.getByRole('heading', { name: '署名', exact: true })).toBeVisible();
  await drawSignature(page);
  await expect(page.locator('.signature-actions')).toContainText('署名しました');
}

/** A stroke across the signature pad, in any language. */
export async function drawSignature(page: Page) {
  const box = (await page.locator('canvas.signature-pad').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + box.width * (0.1 + i * 0.06), box.y + box.height * (0.6 - 0.3 * Math.sin(i)));
  }
  await page.mouse.up();
}

/** From the review: on to the signature, sign, submit; waits for the receipt. */
export async function signAndSubmit(page: Page) {
  await page.getByRole('button', { name: 'この内容で署名へ進む' }).click();
  await sign(page);
  await page.getByRole('button', { name: '申請する' }).click();
  await expect(page.getByRole('heading', { name: '受け付けました' })).toBeVisible();
}

/** From the receipt: end the visit, answer the survey, back at a clean start. */
export async function finishVisit(page: Page, level = 'とても満足') {
  await page.getByRole('button', { name: '終了する' }).click();
  await expect(page.getByRole('heading', { name: '本日の手続きはいかがでしたか' })).toBeVisible();
  await page.getByLabel(level, { exact: true }).check();
  await page.getByRole('button', { name: '送って終わる' }).click();
  await expect(page.getByRole('button', { name: '受付をはじめる' })).toBeVisible();
}

/** The 山田 household's birth visit, from the tablet's sign-in to the first screen of
 * the interview (届け出る方). */
export async function birthToInterview(page: Page) {
  await beginBirthVisit(page);
  await findHousehold(page, 'ヤマダ タロウ', '1990-05-01');
  await page.getByRole('button', { name: 'この世帯で進める' }).click();
  await consent(page);
  await page.locator('#given_name').fill('陽菜');
  await page.locator('#given_kana').fill('ヒナ');
  await page.locator('#baby_birth_date').fill(jstDay(-2));
  await page.getByLabel('女').check();
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.locator('li.procedure')).toHaveCount(6);
  await page.getByRole('button', { name: '申請書をつくる' }).click();
  await page.getByRole('button', { name: 'この内容で進める' }).click();
  await expect(page.getByRole('heading', { name: '届け出る方' })).toBeVisible();
}

/** Answers every question the result asks, one round after another: insurance
 * National Health Insurance, yes/no no, an income 0, otherwise the first choice. */
export async function answerAll(page: Page, nhi: RegExp, no: string, answer: string) {
  for (let round = 0; round < 12; round += 1) {
    await expect(page.locator('.loading')).toBeEmpty();
    const q = page.locator('.question').first();
    if ((await q.count()) === 0) return;
    const asked = await q.getAttribute('data-question');
    const input = q.locator('input');
    if ((await input.count()) > 0) {
      await input.fill('0');
      await q.getByRole('button', { name: answer }).click();
    } else if ((await q.getByRole('button', { name: nhi }).count()) > 0) {
      await q.getByRole('button', { name: nhi }).click();
    } else if ((await q.getByRole('button', { name: no, exact: true }).count()) > 0) {
      await q.getByRole('button', { name: no, exact: true }).click();
    } else {
      await q.getByRole('button').first().click();
    }
    await expect(page.locator(`.question[data-question="${asked}"]`)).toHaveCount(0);
  }
  throw new Error('questions kept coming');
}
