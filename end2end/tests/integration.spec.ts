// A business system connected as an administrator would do it: a key for こども支援課
// created at /admin/integration (shown once), used by the system to read its
// department's applications and to report a status, refused with another department,
// then revoked and refused at once.
import { test, expect } from '@playwright/test';
import * as crypto from 'crypto';
import * as http from 'http';
import { execFileSync } from 'child_process';
import { Shots, signIn, birthToInterview, answerInterview, signAndSubmit, finishVisit } from './helpers';

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
  await page.getByLabel('担当課', { exact: true }).selectOption({ label: 'こども支援課' });
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

// A department's webhook: an administrator subscribes the business system's address,
// a counter visit is submitted, and the system receives the signed event — verified
// here exactly as docs/INTEGRATION.md tells a receiver to (HMAC-SHA256 over `t.body`).
test('an administrator subscribes a webhook and the business system receives signed events', async ({ page, browser }, info) => {
  const shots = new Shots(page, info);
  const received: { id: string; type: string; valid: boolean }[] = [];
  let secret = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const header = String(req.headers['madoguchi-signature'] ?? '');
      const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
      const expected = crypto.createHmac('sha256', secret).update(`${parts.t}.`).update(raw).digest('hex');
      const fresh = Math.abs(Date.now() / 1000 - Number(parts.t)) <= 300;
      const valid = fresh && !!parts.v1 && parts.v1.length === expected.length
        && crypto.timingSafeEqual(Buffer.from(parts.v1), Buffer.from(expected));
      const body = JSON.parse(raw.toString('utf8'));
      received.push({ id: String(req.headers['madoguchi-event-id']), type: body.type, valid });
      res.writeHead(valid ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}/madoguchi/${info.project.name}`;

  await page.goto('/admin/integration');
  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { name: 'Webhook (通知先)' })).toBeVisible();
  // An address that is not http(s) is refused next to the field.
  await page.getByLabel('通知先の URL').fill('ftp://example.invalid/x');
  await page.locator('#webhook-department').selectOption({ label: 'こども支援課' });
  await page.getByRole('button', { name: '追加する' }).click();
  await expect(page.locator('.field-invalid')).toContainText('通知先の URL');
  await page.getByLabel('通知先の URL').fill(url);
  await page.getByRole('button', { name: '追加する' }).click();
  const shown = page.locator('#new-webhook-secret');
  await expect(shown).toHaveText(/^whsec_[0-9a-f]{64}$/);
  secret = (await shown.textContent())!.trim();
  const row = page.locator('table.webhooks tbody tr', { hasText: url });
  await expect(row).toContainText('こども支援課');
  await expect(page.getByText('届かなかった通知はありません。')).toBeVisible();
  await shots.take('webhook-added');

  // A birth visit at the counter sends こども支援課 its new applications.
  const counterCtx = await browser.newContext({ baseURL: new URL(page.url()).origin, viewport: page.viewportSize(), hasTouch: true });
  const counter = await counterCtx.newPage();
  await birthToInterview(counter);
  await answerInterview(counter);
  await signAndSubmit(counter);
  await finishVisit(counter);
  await counterCtx.close();
  await expect.poll(() => received.filter((r) => r.type === 'application.received').length, { timeout: 20_000 }).toBeGreaterThan(0);
  expect(received.every((r) => r.valid)).toBe(true);

  // The page counts what was sent.
  await page.reload();
  await expect(row).toContainText(`送信済み ${received.length}`);
  await shots.take('webhook-delivered');

  // Had the system been down for every attempt (twelve over about a day; here the
  // database is told so directly), the notices are dead letters: listed with the last
  // result, and sent again on request, with the same event id.
  const db = (process.env.DATABASE_URL ?? '').replace(/^sqlite:\/\//, '');
  expect(db).not.toBe('');
  execFileSync('sqlite3', [db, `UPDATE webhook_deliveries SET status = 'dead', attempts = 12, last_status = 503, last_error = 'answered 503 Service Unavailable' WHERE subscription_id = (SELECT id FROM webhook_subscriptions WHERE url = '${url}')`]);
  await page.reload();
  const dead = page.locator('table.dead-letters tbody tr');
  await expect(dead).toHaveCount(received.length);
  await expect(dead.first()).toContainText('application.received');
  await expect(dead.first()).toContainText('HTTP 503');
  await expect(row).toContainText('不達 1');
  await shots.take('dead-letter');
  const before = received.length;
  await dead.first().getByRole('button', { name: 'もう一度送る' }).click();
  await expect(page.locator('.alert-success')).toContainText('もう一度送ります');
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(before + 1);
  expect(received[before].id).toBe(received[0].id);
  await page.reload();
  await expect(page.getByText('届かなかった通知はありません。')).toBeVisible();

  // Stopping ends it.
  await row.getByRole('button', { name: '停止する' }).click();
  await expect(page.locator('.alert-success')).toContainText('通知を停止しました');
  await expect(row).toContainText('停止');
  await expect(row.getByRole('button', { name: '停止する' })).toHaveCount(0);
  server.close();
});
