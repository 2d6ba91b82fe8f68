// The seed's headline case, end to end: an NHI household has a baby; the counter shows
// the procedures with reasons and deadlines, one interview asks each value once, and
// the applications land in the right departments' queues.
import { test, expect } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { Shots, signIn, startNewVisit, jstDay, consent, sign } from './helpers';

test('birth walk at the counter reaches both departments queues', async ({ browser }, info) => {
  const counterCtx = await browser.newContext();
  const page = await counterCtx.newPage();
  const shots = new Shots(page, info);
  const typed: string[] = [];
  const type = async (id: string, value: string) => {
    typed.push(value);
    await page.locator(`#${id}`).fill(value);
  };

  // Staff sign the tablet in.
  await page.goto('/counter');
  await expect(page).toHaveURL(/\/login\?next=\/counter/);
  await shots.take('sign-in');
  await signIn(page, 'counter');
  await expect(page).toHaveURL(/\/counter$/);
  await shots.take('start');

  // New visit, choose the birth event.
  await startNewVisit(page);
  await expect(page.getByRole('heading', { name: 'どんなことがありましたか' })).toBeVisible();
  await page.getByRole('button', { name: /子どもが生まれた/ }).click();
  await expect(page.getByRole('button', { name: /子どもが生まれた/ })).toHaveAttribute('aria-pressed', 'true');
  await shots.take('event');
  await page.getByRole('button', { name: '次へ' }).click();

  // Find the household by kana and date of birth.
  await expect(page.getByRole('heading', { name: '世帯をさがす' })).toBeVisible();
  await type('kana', 'ヤマダ タロウ');
  await type('birth_date', '1990-05-01');
  await shots.take('find');
  await page.getByRole('button', { name: 'さがす' }).click();

  // Confirm the members.
  await expect(page.getByRole('heading', { name: '世帯の方を確認してください' })).toBeVisible();
  const members = page.locator('table.members tbody tr');
  await expect(members).toHaveCount(2);
  await expect(members.nth(0)).toContainText('山田　太郎');
  await expect(members.nth(1)).toContainText('山田　花子');
  await shots.take('members');
  await page.getByRole('button', { name: 'この世帯で進める' }).click();

  // Consent before the city's tax data is used: which data, for what.
  await expect(page.getByRole('heading', { name: '税の情報を使ってよいですか' })).toBeVisible();
  await expect(page.locator('table.consent')).toContainText('所得 (住民税の課税の情報)');
  await shots.take('consent');
  await consent(page);

  // The baby: the family name comes from the household, not typed again.
  await expect(page.getByRole('heading', { name: '生まれたお子さんのこと' })).toBeVisible();
  await expect(page.locator('#family_name')).toHaveValue('山田');
  await expect(page.locator('#family_kana')).toHaveValue('ヤマダ');
  await type('given_name', '陽菜');
  await type('given_kana', 'ヒナ');
  const born = jstDay(-2);
  await type('baby_birth_date', born);
  await page.getByLabel('女').check();
  await shots.take('baby');
  await page.getByRole('button', { name: '次へ' }).click();

  // The procedures, each with a reason and a deadline.
  await expect(page.getByRole('heading', { name: '必要な手続き' })).toBeVisible();
  const procedures = page.locator('li.procedure');
  await expect(procedures).toHaveCount(6);
  const ids = await procedures.evaluateAll((els) => els.map((e) => e.getAttribute('data-procedure')));
  expect(ids.sort()).toEqual([
    'birth_registration', 'child_allowance', 'child_medical_subsidy',
    'childbirth_lump_sum', 'nhi_enrollment', 'nhi_perinatal_premium_exemption',
  ]);
  for (const p of await procedures.all()) {
    await expect(p.locator('.deadline')).not.toBeEmpty();
    await expect(p.locator('.reasons li').first()).toBeVisible();
  }
  await expect(page.locator('[data-procedure=child_allowance] .reasons')).toContainText('太郎さんは児童手当を受けていません');
  await expect(page.locator('[data-procedure=child_allowance]')).toContainText('月額 15,000円');
  await expect(page.locator('[data-procedure=childbirth_lump_sum]')).toContainText('500,000円');
  await expect(page.locator('.questions')).toHaveCount(0);
  await shots.take('procedures');
  await page.getByRole('button', { name: '申請書をつくる' }).click();

  // The interview: known values are confirmed with their source, the rest asked once.
  await expect(page.getByRole('heading', { name: '登録されている内容の確認' })).toBeVisible();
  await expect(page.locator('[data-key="applicant.name"]')).toContainText('山田　太郎');
  await expect(page.locator('[data-key="applicant.name"] .source')).toHaveText('住民記録から');
  await expect(page.locator('[data-key="baby.name"]')).toContainText('山田　陽菜');
  await shots.take('confirm');
  await page.getByRole('button', { name: 'この内容で進める' }).click();

  // One topic per screen. The person filing: relationship and a phone number.
  await expect(page.getByRole('heading', { name: '届け出る方' })).toBeVisible();
  await page.getByLabel('父', { exact: true }).check();
  await type('applicant-phone', '090-1234-5678');
  await shots.take('applicant');
  await page.getByRole('button', { name: '次へ' }).click();

  await expect(page.getByRole('heading', { name: '生まれたお子さん' })).toBeVisible();
  await type('baby-birth_time', '14:35');
  await type('baby-birth_place', '星ヶ丘市立病院');
  await type('baby-birth_place_address', '星ヶ丘市中央1丁目1-1');
  await shots.take('baby-birth');
  await page.getByRole('button', { name: '次へ' }).click();

  // The birth: a date in the wrong era is refused at the field, summarised at the top,
  // and focus moves to it; the amount paid to the hospital appears only when needed.
  await expect(page.getByRole('heading', { name: '出産のこと' })).toBeVisible();
  await page.getByLabel('単胎 (1人)').check();
  await page.locator('#birth-due_date').fill('平成31年5月1日');
  await expect(page.locator('#birth-hospital_paid')).toHaveCount(0);
  await page.getByLabel('利用した (差額あり)').check();
  await expect(page.locator('#birth-hospital_paid')).toBeVisible();
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.locator('#error-summary')).toContainText('出産予定日: 日付を正しく入力してください');
  await expect(page.locator('#birth-due_date')).toBeFocused();
  await expect(page.locator('#birth-hospital_paid-error')).toHaveText('入力してください');
  await shots.take('birth-errors');
  await type('birth-due_date', '令和8年11月22日');
  await type('birth-hospital_paid', '480,000');
  await page.getByRole('group', { name: /産科医療補償制度/ }).getByLabel('はい').check();
  await shots.take('birth');
  await page.getByRole('button', { name: '次へ' }).click();

  // The bank account, asked once for every form that pays money; the holder starts as
  // the applicant's name in kana.
  await expect(page.getByRole('heading', { name: '振込先の口座' })).toBeVisible();
  await expect(page.locator('#bank-account-holder')).toHaveValue('ヤマダ　タロウ');
  await type('bank-account-bank_code', '0001');
  await type('bank-account-branch_code', '123');
  await type('bank-account-number', '1234567');
  await shots.take('bank');
  await page.getByRole('button', { name: '次へ' }).click();

  await expect(page.getByRole('heading', { name: 'マイナンバー' })).toBeVisible();
  await type('applicant-my_number', '1234 5678 9018');
  await shots.take('my-number');
  await page.getByRole('button', { name: '次へ' }).click();

  // Review, then submit.
  await expect(page.getByRole('heading', { name: '申請内容の確認' })).toBeVisible();
  await expect(page.locator('main')).toContainText('金融機関コード 0001 支店コード 123 普通 1234567 名義 ヤマダ　タロウ');
  await expect(page.locator('main')).toContainText('令和8年11月22日');
  await expect(page.locator('main')).toContainText('**** **** 9018');
  await expect(page.locator('main')).not.toContainText('123456789018');
  await shots.take('review');

  // One signature for every form that takes it; submitting without one is refused.
  await page.getByRole('button', { name: 'この内容で署名へ進む' }).click();
  await expect(page.locator('.signed-forms')).toContainText('児童手当 認定請求書');
  await expect(page.locator('.signed-forms li')).toHaveCount(6);
  await page.getByRole('button', { name: '申請する' }).click();
  await expect(page.locator('#error-summary')).toHaveText('署名をしてください');
  await sign(page);
  await shots.take('signature');
  await page.getByRole('button', { name: '申請する' }).click();

  // The receipt names each application and where it goes.
  await expect(page.getByRole('heading', { name: '受け付けました' })).toBeVisible();
  await expect(page.locator('table.receipt tbody tr')).toHaveCount(6);
  await expect(page.locator('table.receipt')).toContainText('こども支援課');
  await expect(page.locator('table.receipt')).toContainText('保険年金課');
  const visitNumber = (await page.locator('.receipt-number strong').textContent())!.trim();
  // The receipt prints as a PDF with the visit number.
  const receiptPdf = await page.request.get(`/api/visits/${visitNumber}/receipt.pdf`);
  expect(receiptPdf.headers()['content-type']).toBe('application/pdf');
  expect((await receiptPdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(page.getByRole('link', { name: '受付票を印刷する' })).toHaveAttribute('href', `/api/visits/${visitNumber}/receipt.pdf?lang=ja`);
  await shots.take('receipt');

  // Nothing asked twice: every value typed in the walk was different.
  expect(new Set(typed).size).toBe(typed.length);

  // The survey, then the tablet returns to a clean start with nothing of the resident.
  await page.getByRole('button', { name: '終了する' }).click();
  await expect(page.getByRole('heading', { name: '本日の手続きはいかがでしたか' })).toBeVisible();
  await page.getByLabel('満足', { exact: true }).check();
  await page.locator('#survey-comment').fill('説明がわかりやすかったです');
  await shots.take('survey');
  await page.getByRole('button', { name: '送って終わる' }).click();
  await expect(page.getByRole('button', { name: '受付をはじめる' })).toBeVisible();
  const body = await page.locator('body').innerText();
  for (const trace of ['山田', 'ヤマダ', '陽菜', visitNumber, '1234567', '090-1234-5678', '9018']) {
    expect(body).not.toContain(trace);
  }
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain('山田');
  await shots.take('cleared');
  await counterCtx.close();

  // こども支援課 sees the child allowance claim.
  const kodomoCtx = await browser.newContext();
  const kodomo = await kodomoCtx.newPage();
  shots.page = kodomo;
  await kodomo.goto('/staff');
  await signIn(kodomo, 'kodomo');
  await expect(kodomo.getByRole('heading', { name: '受付一覧' })).toBeVisible();
  const kRow = kodomo.locator('table.queue tbody tr').first();
  await expect(kRow).toContainText('児童手当 認定請求');
  await expect(kRow).toContainText('山田　陽菜');
  await shots.take('kodomo-queue');
  await kRow.getByRole('link').click();
  await expect(kodomo.getByRole('heading', { name: '児童手当 認定請求', exact: true })).toBeVisible();
  await expect(kodomo.locator('main')).toContainText(visitNumber);
  await expect(kodomo.locator('main')).toContainText('金融機関コード 0001 支店コード 123 普通 1234567');
  await expect(kodomo.locator('main')).toContainText('児童手当 認定請求書');
  await expect(kodomo.locator('main')).toContainText('**** **** 9018');
  const formLink = kodomo.getByRole('link', { name: '申請書を印刷する (PDF)' });
  const formPdf = await kodomo.request.get((await formLink.getAttribute('href'))!);
  expect(formPdf.headers()['content-type']).toBe('application/pdf');
  fs.writeFileSync(path.join(__dirname, '..', 'screenshots', 'child_allowance.pdf'), await formPdf.body());
  await expect(kodomo.locator('.reasons')).toContainText('陽菜さんが');
  await shots.take('kodomo-application');
  // How the rules decided it: the trace of the visit's screening, condition by condition.
  await kodomo.getByText('判定の記録').click();
  await expect(kodomo.locator('.trace')).toContainText('birth.child_allowance');
  await expect(kodomo.locator('.trace')).toContainText('not claimant.public_servant');
  await expect(kodomo.locator('.trace-table').first()).toContainText('成立');
  await shots.take('kodomo-application-trace');
  // Shown to the resident: the form and the reasons stay, staff details go.
  await kodomo.getByRole('button', { name: '住民に見せる' }).click();
  await expect(kodomo.locator('.trace-details')).toBeHidden();
  await expect(kodomo.getByRole('link', { name: '申請書を印刷する (PDF)' })).toBeHidden();
  await expect(kodomo.getByRole('link', { name: '← 受付一覧へ' })).toHaveCount(0);
  await expect(kodomo.locator('.reasons')).toBeVisible();
  await expect(kodomo.locator('main')).toContainText('児童手当 認定請求書');
  await shots.take('kodomo-application-resident-view');
  await kodomo.getByRole('button', { name: '職員の表示に戻る' }).click();
  await expect(kodomo.locator('.trace-details')).toBeVisible();
  // こども支援課 takes it on, reviews it and completes it; each step is in the history
  // with who did it.
  const status = kodomo.locator('.summary-row.staff-only dd');
  await expect(status).toHaveText('受付');
  await kodomo.getByRole('button', { name: '自分が担当する' }).click();
  await expect(kodomo.locator('.assignee')).toContainText('子ども 花子');
  await kodomo.getByRole('button', { name: '審査を始める' }).click();
  await expect(status).toHaveText('審査中');
  await kodomo.locator('#comment').fill('所得は住民税の課税データで確認済み');
  await kodomo.getByRole('button', { name: 'コメントを追加' }).click();
  await expect(kodomo.locator('ol.history')).toContainText('所得は住民税の課税データで確認済み');
  await kodomo.getByRole('button', { name: '完了にする' }).click();
  await expect(status).toHaveText('完了');
  await expect(kodomo.locator('ol.history li')).toHaveCount(5);
  await expect(kodomo.locator('ol.history li').last()).toContainText('子ども 花子');
  await expect(kodomo.locator('.work .steps')).toHaveCount(0);
  await shots.take('kodomo-completed');
  // Completed, it leaves the open queue; "all" still shows it.
  // (Other tests may have left applications in this department's queue.)
  const link = `a[href="${new URL(kodomo.url()).pathname}"]`;
  const ours = kodomo.locator(`table.queue ${link}`);
  await kodomo.getByRole('link', { name: '← 受付一覧へ' }).click();
  await expect(kodomo.locator('form.queue-filters')).toBeVisible();
  await expect(ours).toHaveCount(0);
  await kodomo.getByLabel('状態').selectOption('all');
  await kodomo.getByRole('button', { name: '表示する' }).click();
  await expect(kodomo).toHaveURL(/status=all/);
  await expect(ours).toHaveCount(1);
  await expect(kodomo.locator('table.queue tbody tr').filter({ has: kodomo.locator(link) })).toContainText('完了');
  await shots.take('kodomo-queue-all');
  await kodomoCtx.close();

  // 保険年金課 sees the three NHI applications of the same visit.
  const hokenCtx = await browser.newContext();
  const hoken = await hokenCtx.newPage();
  await hoken.goto('/staff');
  await signIn(hoken, 'hoken');
  await expect(hoken.getByRole('heading', { name: '受付一覧' })).toBeVisible();
  const queue = hoken.locator('table.queue');
  await expect(queue).toContainText('国民健康保険 加入');
  await expect(queue).toContainText('出産育児一時金 支給申請');
  await expect(queue).toContainText('国保 産前産後期間 保険料免除 届出');
  await expect(queue).not.toContainText('児童手当');
  shots.page = hoken;
  await shots.take('hoken-queue');
  // Staff pages in English: the staff's choice, kept on this device across reloads.
  const languages = hoken.getByRole('group', { name: '表示言語 / Language' });
  await languages.getByRole('button', { name: 'English' }).click();
  await expect(hoken.getByRole('heading', { name: 'Applications' })).toBeVisible();
  await expect(hoken.locator('html')).toHaveAttribute('lang', 'en');
  await expect(queue.locator('thead')).toContainText('Deadline');
  await expect(queue.locator('tbody tr').first()).toContainText('Received');
  // Procedure names in English, the official Japanese name beside them.
  await expect(queue).toContainText('National Health Insurance: joining 国民健康保険 加入');
  await expect(languages.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await shots.take('hoken-queue-english');
  await hoken.reload();
  await expect(hoken.getByRole('heading', { name: 'Applications' })).toBeVisible();
  await queue.locator('tbody tr').first().getByRole('link').click();
  await expect(hoken.getByRole('link', { name: '← Applications' })).toBeVisible();
  await expect(hoken.getByRole('link', { name: 'Print the application (PDF)' })).toBeVisible();
  await shots.take('hoken-application-english');
  await languages.getByRole('button', { name: '日本語' }).click();
  await expect(hoken.getByRole('link', { name: '← 受付一覧へ' })).toBeVisible();
  await expect(hoken.locator('html')).toHaveAttribute('lang', 'ja');
  // 保険年金課 returns this one: a return says why, in words the resident reads.
  const hokenStatus = hoken.locator('.summary-row.staff-only dd');
  await hoken.getByRole('button', { name: '審査を始める' }).click();
  await expect(hokenStatus).toHaveText('審査中');
  await hoken.getByRole('button', { name: '差し戻す' }).click();
  await expect(hoken.locator('#note-error')).toBeVisible();
  await expect(hoken.locator('#note')).toHaveAttribute('aria-invalid', 'true');
  await expect(hokenStatus).toHaveText('審査中');
  await hoken.locator('#note').fill('勤務先の健康保険をやめた日がわかる書類が必要です。窓口か郵送でお届けください');
  await hoken.getByRole('button', { name: '差し戻す' }).click();
  await expect(hokenStatus).toHaveText('差戻し');
  await expect(hoken.locator('ol.history')).toContainText('勤務先の健康保険をやめた日がわかる書類が必要です');
  await expect(hoken.getByRole('button', { name: '再提出を受け付ける' })).toBeVisible();
  await shots.take('hoken-returned');
  // Signing in again on this device, in English.
  await languages.getByRole('button', { name: 'English' }).click();
  await expect(hoken.getByRole('link', { name: '← Applications' })).toBeVisible();
  await hoken.getByRole('button', { name: 'Sign out' }).click();
  // Signing out clears the site's storage, the choice with it: a shared device starts
  // again in Japanese, and the sign-in page (which signing out loads afresh — a
  // navigation of the test's own would race with it) offers the choice.
  await hoken.waitForURL(/\/login$/);
  await expect(hoken.getByRole('heading', { name: '職員サインイン' })).toBeVisible();
  await hoken.getByRole('group', { name: '表示言語 / Language' }).getByRole('button', { name: 'English' }).click();
  await expect(hoken.getByRole('heading', { name: 'Staff sign-in' })).toBeVisible();
  await expect(hoken.locator('html')).toHaveAttribute('lang', 'en');
  await expect(hoken.getByLabel('User name')).toBeVisible();
  await shots.take('sign-in-english');
  await hokenCtx.close();
});
