// Bad input gets a clear message in Japanese next to the field, and nothing moves on.
import { test, expect } from '@playwright/test';
import { Shots, beginBirthVisit, jstDay, consent } from './helpers';

test('a wrong password is refused with a plain message', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/login');
  await page.getByLabel('ユーザー名').fill('counter');
  await page.getByLabel('パスワード').fill('wrong-password-here');
  await page.getByRole('button', { name: 'サインイン', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('ユーザー名またはパスワードが違います');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel('パスワード')).toHaveValue('');
  await shots.take('wrong-password');
});

test('a household that does not exist is not found, and bad input is marked at the field', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await beginBirthVisit(page);

  // Kanji where kana is required, and a birth date in the future.
  await page.getByLabel('氏名 (フリガナ)').fill('山田太郎');
  await page.getByLabel('生年月日').fill(jstDay(3));
  await page.getByRole('button', { name: 'さがす' }).click();
  await expect(page.locator('.field-invalid')).toHaveCount(2);
  await expect(page.locator('#kana-error')).toHaveText('カタカナで入力してください');
  await expect(page.locator('#birth_date-error')).toHaveText('今日より後の日付は入力できません');
  await expect(page.getByLabel('氏名 (フリガナ)')).toHaveAttribute('aria-invalid', 'true');
  await shots.take('field-errors');

  // Well-formed, but nobody by that name and date.
  await page.getByLabel('氏名 (フリガナ)').fill('ダレモ イナイ');
  await page.getByLabel('生年月日').fill('1970-01-01');
  await page.getByRole('button', { name: 'さがす' }).click();
  await expect(page.getByRole('alert')).toContainText('該当する方が見つかりません');
  await expect(page.getByRole('heading', { name: '世帯をさがす' })).toBeVisible();
  await shots.take('not-found');

  // Found by resident number; then an empty name and a future birth date for the baby.
  await page.getByRole('button', { name: '宛名番号' }).click();
  await page.getByLabel('宛名番号').fill('1000000001');
  await page.getByRole('button', { name: 'さがす' }).click();
  await page.getByRole('button', { name: 'この世帯で進める' }).click();
  await consent(page);
  await page.getByLabel('生年月日').fill(jstDay(1));
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.locator('#given_name-error')).toHaveText('入力してください');
  await expect(page.locator('#baby_birth_date-error')).toHaveText('今日より後の日付は入力できません');
  await expect(page.locator('.error', { hasText: '選択してください' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '生まれたお子さんのこと' })).toBeVisible();
  await shots.take('baby-errors');
});
