// Unknown is not false: a fact the city's data does not hold is asked — only that one —
// and the procedure list updates when it is answered.
import { test, expect } from '@playwright/test';
import { Shots, beginBirthVisit, findHousehold, jstDay, consent, signIn, startNewVisit } from './helpers';

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

test('a parent over the income limit is told why 児童扶養手当 is not for him', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/counter');
  await signIn(page, 'counter');
  await startNewVisit(page);
  await page.getByRole('button', { name: /^離婚/ }).click();
  await page.getByRole('button', { name: '次へ' }).click();
  await findHousehold(page, 'ホシノ ケンイチ', '1986-02-14');
  await page.getByRole('button', { name: 'この世帯で進める' }).click();
  await consent(page);
  await expect(page.getByRole('heading', { name: 'いつ、どなたのことですか' })).toBeVisible();
  await page.locator('[data-event=divorce] input[type=date]').fill(jstDay(0));
  await page.locator('[data-event=divorce] select').selectOption({ label: '星野　美咲' });
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '必要な手続き' })).toBeVisible();
  await expect(page.locator('[data-procedure=divorce_registration]')).toBeVisible();
  // 所得 450万 with one child: over the 一部支給 limit (208万 + 38万), and over the
  // city's limit for the medical subsidy: both said, not silently left out.
  const out = page.locator('section.not-applicable');
  await expect(out.getByRole('heading', { name: '対象にならない手続き' })).toBeVisible();
  await expect(out.locator('[data-procedure=child_rearing_allowance]')).toContainText('健一さんの所得が、児童扶養手当の所得制限限度額を超えています');
  await expect(out.locator('[data-procedure=single_parent_medical_subsidy]')).toContainText('所得制限を超えています');
  await expect(page.locator('li.procedure[data-procedure=child_rearing_allowance]')).toHaveCount(0);
  await shots.take('over-the-limit');
});
