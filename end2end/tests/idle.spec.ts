// A tablet left alone mid-visit warns, then clears itself: the next resident sees
// nothing of the last. Playwright's clock stands in for the minutes of waiting.
import { test, expect } from '@playwright/test';
import { Shots, beginBirthVisit, findHousehold } from './helpers';

test('an unattended visit is cleared after a warning, and a touch keeps it', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.clock.install();
  await beginBirthVisit(page);
  await findHousehold(page, 'ヤマダ タロウ', '1990-05-01');
  await expect(page.locator('table.members')).toContainText('山田　太郎');

  // 2 min 35 s without a touch (default: clear at 3 min, warn 30 s before).
  await page.clock.runFor('02:35');
  const warning = page.getByRole('alertdialog');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('最初の画面にもどります');
  await expect(warning.getByRole('button', { name: '続ける' })).toBeFocused();
  await shots.take('warning');

  // A touch keeps the visit.
  await warning.getByRole('button', { name: '続ける' }).click();
  await expect(warning).toHaveCount(0);
  await page.clock.runFor('01:00');
  await expect(page.locator('table.members')).toContainText('山田　太郎');

  // Left alone again: cleared.
  await page.clock.runFor('03:05');
  await expect(page.getByRole('button', { name: '受付をはじめる' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('山田');
  await shots.take('cleared');
});
