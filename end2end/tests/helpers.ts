import { expect, Page, TestInfo } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

/** Saves a full-page screenshot of the current step under end2end/screenshots/. */
export class Shots {
  private n = 0;
  /** `page` may be switched to another page (another staff member's browser). */
  constructor(public page: Page, private info: TestInfo) {}
  async take(step: string) {
    this.n += 1;
    const dir = path.join(__dirname, '..', 'screenshots', this.info.project.name, this.info.title.replace(/[^\w-]+/g, '_'));
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${String(this.n).padStart(2, '0')}-${step}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
  }
}

export const STAFF = {
  counter: ['counter', 'madoguchi-counter'],
  kodomo: ['kodomo', 'madoguchi-kodomo'],
  hoken: ['hoken', 'madoguchi-hoken'],
  seikatsu: ['seikatsu', 'madoguchi-seikatsu'],
  shimin: ['shimin', 'madoguchi-shimin'],
} as const;

/** Signs in on /login (the page must be showing the form). */
export async function signIn(page: Page, who: keyof typeof STAFF) {
  const [user, password] = STAFF[who];
  await expect(page.getByRole('heading', { name: '職員サインイン' })).toBeVisible();
  await page.getByLabel('ユーザー名').fill(user);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
}

/** A day relative to today in Japan, as YYYY-MM-DD. */
export function jstDay(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
}
