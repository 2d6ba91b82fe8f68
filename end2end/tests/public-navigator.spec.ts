// The public navigator at `/`, on a resident's phone (360 px): no sign-in, the same
// rules as the counter, in 日本語, やさしい日本語 and English. Every step screenshotted
// and checked with axe-core.
import { expect, Page, test } from '@playwright/test';
import { answerAll, Shots } from './helpers';

/** A day `n` days before today in Japan, as the date input takes it. */
function daysAgo(n: number): string {
  const now = new Date(Date.now() + 9 * 3600_000 - n * 86_400_000);
  return now.toISOString().slice(0, 10);
}

test('a birth: the procedures, where to go and what to bring, without signing in', async ({ page }, info) => {
  const shots = new Shots(page, info);
  const calls: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) calls.push(new URL(r.url()).pathname); });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'くらしの手続きナビ' })).toBeVisible();
  // The public build: no staff session is asked for, no staff page downloaded.
  await shots.take('events');

  // Next without an event says what is missing.
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('alert')).toContainText('1つ以上選んでください');
  await page.getByRole('button', { name: /子どもが生まれた/ }).click();
  await page.getByRole('button', { name: '次へ' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '一緒に住んでいる人' })).toBeVisible();
  // A birth date left out, and one in the future, are refused beside the field.
  await page.getByRole('button', { name: '+ 夫・妻' }).click();
  await page.locator('#partner1-birth').fill('2099-01-01');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.locator('[data-member="me"] .error')).toHaveText(/入力してください/);
  await expect(page.locator('[data-member="partner1"] .error')).toHaveText(/今日より後の日付は入力できません/);
  await shots.take('household-errors');
  await page.locator('#me-birth').fill('1992-07-10');
  await page.locator('[data-member="me"]').getByText('女性').click();
  await page.locator('#partner1-birth').fill('1990-05-01');
  await page.locator('[data-member="partner1"]').getByText('男性').click();
  await shots.take('household');
  await page.getByRole('button', { name: '次へ' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'いつのことですか' })).toBeVisible();
  await page.locator('#event-0-date').fill(daysAgo(3));
  await shots.take('details');
  await page.getByRole('button', { name: '手続きを見る' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'あなたの手続き' })).toBeVisible();
  const registration = page.locator('[data-procedure="birth_registration"]');
  await expect(registration).toContainText('出生届');
  await expect(registration).toContainText('市民課');
  await expect(registration).toContainText('出生証明書');
  await expect(registration).toContainText('期限');
  // What the city's data would tell at the counter is asked, naming people by their tie.
  await expect(page.locator('.questions')).toBeVisible();
  await expect(page.locator('main')).not.toContainText('me');
  await expect(page.locator('main')).not.toContainText('あなたさん');
  await shots.take('result-questions');
  await answerAll(page, /国民健康保険/, 'いいえ', '答える');
  await expect(page.locator('[data-procedure="child_allowance"]')).toContainText('オンライン申請');
  await expect(page.locator('.online-count')).toContainText('オンラインでも申請できます');
  await expect(page.locator('[data-procedure="nhi_enrollment"]')).toBeVisible();
  await expect(page.locator('[data-procedure="birth_registration"]')).not.toContainText('オンライン申請');
  await shots.take('result');

  // The browser's Back goes a step back, with what was typed.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'いつのことですか' })).toBeVisible();
  await expect(page.locator('#event-0-date')).toHaveValue(daysAgo(3));
  await page.goBack();
  await expect(page.locator('#me-birth')).toHaveValue('1992-07-10');

  // Furigana on, for those who read kana more easily.
  await page.getByRole('button', { name: 'ふりがな' }).click();
  await expect(page.locator('h1 ruby').first()).toBeVisible();
  await shots.take('household-furigana');
  await page.getByRole('button', { name: 'ふりがな' }).click();
  await expect(page.locator('h1 ruby')).toHaveCount(0);

  // Only the navigator's own call went to the server: no session, nothing of staff.
  expect(calls.every((p) => p === '/api/public/guide'), calls.join(' ')).toBe(true);
  // Starting again forgets everything.
  await page.goForward();
  await page.goForward();
  await page.getByRole('button', { name: '最初からやり直す' }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('button', { name: /子どもが生まれた/ }).click();
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.locator('#me-birth')).toHaveValue('');
});

test('a move in English: school, late-elderly insurance and the notification', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/?lang=en');
  await expect(page.getByRole('heading', { level: 1, name: 'Procedures guide' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await shots.take('events');
  await page.getByRole('button', { name: /Moved here/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.locator('#me-birth').fill('1985-04-02');
  await page.getByRole('button', { name: '+ Child' }).click();
  await page.locator('#child1-birth').fill('2018-06-15');
  await page.getByRole('button', { name: '+ Parent' }).click();
  await page.locator('#parent1-birth').fill('1945-03-03');
  await shots.take('household');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.locator('#event-0-date').fill(daysAgo(2));
  // Who moves: everyone unless unticked.
  await expect(page.getByRole('checkbox', { name: 'You' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Parent' })).toBeChecked();
  await shots.take('details');
  await page.getByRole('button', { name: 'See procedures' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Your procedures' })).toBeVisible();
  await answerAll(page, /National Health Insurance/, 'No', 'Answer');
  await expect(page.locator('[data-procedure="move_in_notification"]')).toBeVisible();
  await expect(page.locator('[data-procedure="school_enrollment_transfer"]')).toBeVisible();
  await expect(page.locator('[data-procedure="late_elderly_enrollment"]')).toBeVisible();
  // Names of procedures in English, with the official Japanese name beside them.
  await expect(page.locator('[data-procedure="move_in_notification"] h3')).toContainText('転入届');
  await shots.take('result');
});

test('やさしい にほんご: a death, whom it is about, and a date out of range', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/');
  await page.getByRole('button', { name: 'やさしい にほんご' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'てつづき ナビ' })).toBeVisible();
  await page.locator('.choice[aria-pressed]').nth(4).click(); // a death
  await page.getByRole('button', { name: /つぎ/ }).click();
  await page.locator('#me-birth').fill('1960-01-01');
  await page.getByRole('button', { name: '+ おっと・つま' }).click();
  await page.locator('#partner1-birth').fill('1955-01-01');
  await page.getByRole('button', { name: /つぎ/ }).click();

  // No one chosen and a date two years ago: both said, in plain Japanese.
  await page.locator('#event-0-date').fill(daysAgo(800));
  await page.getByRole('button', { name: 'てつづきを みる' }).click();
  await expect(page.locator('[data-event="death"] .error')).toHaveCount(2);
  await shots.take('details-errors');
  await page.locator('#event-0-date').fill(daysAgo(1));
  await page.locator('#event-0-person').selectOption('partner1');
  await page.locator('#head').selectOption('partner1');
  await page.getByRole('button', { name: 'てつづきを みる' }).click();
  await expect(page.locator('[data-procedure="death_registration"]')).toBeVisible();
  await answerAll(page, /こくみん|国民健康保険/, 'いいえ', 'こたえる');
  await expect(page.locator('[data-procedure="death_registration"]')).toBeVisible();
  await shots.take('result');

  // The language is kept on this device: another page, loaded afresh, opens in it.
  await page.goto('/my');
  await expect(page.getByRole('link', { name: 'マイナンバーカードで ログイン', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'やさしい にほんご' })).toHaveAttribute('aria-pressed', 'true');
});
