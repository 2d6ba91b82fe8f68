// A business system connected as an administrator would do it: a key for こども支援課
// created at /admin/integration (shown once), used by the system to read its
// department's applications and to report a status, refused with another department,
// then revoked and refused at once.
import { test, expect } from '@playwright/test';
import { Shots, signIn } from './helpers';

test('an administrator creates a business system key, the system uses it, and revoking stops it', async ({ page, request }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/admin/integration');
  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { name: '業務システムとの連携' })).toBeVisible();

  // A name is required: refused next to the field, nothing created.
  await page.getByRole('button', { name: '発行する' }).click();
  await expect(page.locator('.field-invalid')).toContainText('業務システムの名前');
  const system = `児童手当システム ${info.project.name}`;
  await page.getByLabel('業務システムの名前').fill(system);
  await page.getByLabel('担当課').selectOption({ label: 'こども支援課' });
  await page.getByLabel('状態の更新も許可する').check();
  await page.getByRole('button', { name: '発行する' }).click();
  const shown = page.locator('#new-api-key');
  await expect(shown).toHaveText(/^mdg_[0-9a-f]{8}_[0-9a-f]{64}$/);
  const key = (await shown.textContent())!.trim();
  const row = page.locator('table.api-keys tbody tr', { hasText: system });
  await expect(row).toContainText('読み取りと状態の更新');
  await expect(row).toContainText('未使用');
  await shots.take('key-created');

  // The system reads its department's feed with it; another department's is refused.
  const auth = { Authorization: `Bearer ${key}` };
  const feed = await request.get('/api/v1/departments/kodomo/applications?limit=5', { headers: auth });
  expect(feed.status()).toBe(200);
  const page1 = await feed.json();
  expect(Array.isArray(page1.items)).toBe(true);
  for (const item of page1.items) expect(item.department_id).toBe('kodomo');
  const other = await request.get('/api/v1/departments/hoken/applications', { headers: auth });
  expect(other.status()).toBe(403);
  expect((await other.json()).code).toBe('forbidden');
  const doc = await request.get('/api/v1/openapi.json');
  expect((await doc.json()).openapi).toMatch(/^3\.1/);

  // The list now says when the key was last used.
  await page.reload();
  await expect(row).not.toContainText('未使用');

  // Revoked: the next call is refused.
  await row.getByRole('button', { name: '失効させる' }).click();
  await expect(page.locator('.alert-success')).toContainText('失効させました');
  await expect(row).toContainText('失効');
  await expect(row.getByRole('button', { name: '失効させる' })).toHaveCount(0);
  await shots.take('key-revoked');
  const after = await request.get('/api/v1/departments/kodomo/applications', { headers: auth });
  expect(after.status()).toBe(401);
});
