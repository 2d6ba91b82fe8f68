// Any life event of the catalog at the counter, several in one visit: a death and a
// move within the city for the same household, walked to submitted applications.
import { test, expect } from '@playwright/test';
import { Shots, signIn, startNewVisit, findHousehold, answerInterview, consent, signAndSubmit, finishVisit } from './helpers';

test('a death and a move in one visit list both events procedures and reach the departments', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/counter');
  await signIn(page, 'counter');
  await startNewVisit(page);
  await expect(page.getByRole('button', { name: '次へ' })).toBeDisabled();
  await page.getByRole('button', { name: /^死亡/ }).click();
  await page.getByRole('button', { name: /^転居/ }).click();
  await shots.take('events');
  await page.getByRole('button', { name: '次へ' }).click();

  await expect(page.getByRole('heading', { name: '世帯をさがす' })).toBeVisible();
  await findHousehold(page, 'ヤマダ タロウ', '1990-05-01');
  await page.getByRole('button', { name: 'この世帯で進める' }).click();
  await consent(page);

  // Whom the death is about must be chosen; the move is the whole household.
  await expect(page.getByRole('heading', { name: 'いつ、どなたのことですか' })).toBeVisible();
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.locator('#error-summary')).toBeVisible();
  await expect(page.locator('[data-event=death] .error')).toHaveText('選択してください');
  await shots.take('details-error');
  await page.locator('[data-event=death] select').selectOption({ label: '山田　太郎' });
  await shots.take('details');
  await page.getByRole('button', { name: '次へ' }).click();

  await expect(page.getByRole('heading', { name: '必要な手続き' })).toBeVisible();
  await expect(page.locator('p.count')).toBeVisible();
  // Answer what the city's data cannot tell, one question at a time.
  for (let i = 0; i < 8 && (await page.locator('.question').count()) > 0; i++) {
    if (i === 0) await shots.take('questions');
    const q = page.locator('.question').first();
    const id = await q.getAttribute('data-question');
    await q.getByRole('button').last().click();
    await expect(page.locator(`.question[data-question="${id}"]`)).toHaveCount(0);
  }
  await expect(page.locator('.question')).toHaveCount(0);
  const procedures = page.locator('li.procedure');
  const ids = await procedures.evaluateAll((els) => els.map((e) => e.getAttribute('data-procedure')));
  for (const id of ['death_registration', 'move_within_notification', 'nhi_withdrawal', 'funeral_expenses_nhi']) {
    expect(ids).toContain(id);
  }
  expect(ids).not.toContain('birth_registration');
  await expect(page.locator('[data-procedure=death_registration] .reasons')).toContainText('亡くなりました');
  await shots.take('procedures');
  await page.getByRole('button', { name: '申請書をつくる' }).click();

  await expect(page.getByRole('heading', { name: '登録されている内容の確認' })).toBeVisible();
  await page.getByRole('button', { name: 'この内容で進める' }).click();
  // The interview of a death and a move asks their own questions: no bank account of
  // a birth, but the place of death and the new address.
  const headings = await answerInterview(page);
  expect(headings).toContain('亡くなった方のこと');
  expect(headings).toContain('引っ越しのこと');
  expect(headings).not.toContain('生まれたお子さん');
  await expect(page.getByRole('heading', { name: '申請内容の確認' })).toBeVisible();
  await signAndSubmit(page);

  await expect(page.locator('table.receipt')).toContainText('市民課');
  await expect(page.locator('table.receipt')).toContainText('保険年金課');
  await expect(page.locator('table.receipt')).toContainText('死亡届・火葬許可申請');
  await shots.take('receipt');
  await finishVisit(page, 'ふつう');
});
