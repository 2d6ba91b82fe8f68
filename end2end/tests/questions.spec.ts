// Unknown is not false: a fact the city's data does not hold is asked — only that one —
// and the procedure list updates when it is answered.
import { test, expect } from '@playwright/test';
import { Shots, beginBirthVisit, findHousehold, jstDay, consent } from './helpers';

test('a fact the city does not hold is asked once and the list updates', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await beginBirthVisit(page);
  await findHousehold(page, 'オガワ ショウタ', '1993-08-08');
  await page.getByRole('button', { name: 'この世帯で進める' }).click();
  await consent(page);
  await page.locator('#given_name').fill('蒼');
  await page.locator('#given_kana').fill('アオイ');
  await page.locator('#baby_birth_date').fill(jstDay(-1));
  await page.getByLabel('男').check();
  await page.getByRole('button', { name: '次へ' }).click();

  // Whether the father is a public servant decides the child allowance: asked, once.
  const questions = page.locator('fieldset.question');
  await expect(questions).toHaveCount(1);
  await expect(questions.first()).toContainText('翔太さんは公務員ですか');
  await expect(page.locator('[data-procedure=child_allowance]')).toHaveCount(0);
  await expect(page.locator('li.procedure')).toHaveCount(5);
  await expect(page.getByRole('button', { name: '申請書をつくる' })).toBeDisabled();
  await shots.take('question');

  await questions.first().getByRole('button', { name: 'いいえ' }).click();
  await expect(page.locator('fieldset.question')).toHaveCount(0);
  await expect(page.locator('[data-procedure=child_allowance]')).toBeVisible();
  await expect(page.locator('[data-procedure=child_allowance] .reasons')).toContainText('翔太さんは公務員ではありません');
  await expect(page.locator('li.procedure')).toHaveCount(6);
  await expect(page.getByRole('button', { name: '申請書をつくる' })).toBeEnabled();
  await shots.take('answered');
});

test('a single mother sees 児童扶養手当 with its expected amount, decided by her income', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await beginBirthVisit(page);
  await findHousehold(page, 'サクライ アヤ', '1996-03-22');
  await page.getByRole('button', { name: 'この世帯で進める' }).click();
  await consent(page);
  await page.locator('#given_name').fill('蓮');
  await page.locator('#given_kana').fill('レン');
  await page.locator('#baby_birth_date').fill(jstDay(-1));
  await page.getByLabel('男').check();
  await page.getByRole('button', { name: '次へ' }).click();
  // 所得 120万 with two children: under the 全部支給 limit (69万 + 38万 × 2).
  const card = page.locator('[data-procedure=child_rearing_allowance]');
  await expect(card).toBeVisible();
  await expect(card).toContainText('全部支給の見込みです');
  await expect(card).toContainText('月額 57,720円');
  await expect(page.locator('[data-procedure=single_parent_medical_subsidy]')).toBeVisible();
  await shots.take('single-mother');
});
