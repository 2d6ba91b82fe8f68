// Signing staff in as a person would: the password, then the second factor — an
// authenticator app (the test computes RFC 6238 codes from the key the page shows, as
// a phone would) or a passkey (Chromium's virtual authenticator, through DevTools).
// What a staff member enrolled, and their session, are kept for the rest of the run in
// a state file (MADOGUCHI_E2E_STATE, a fresh one per run), so later tests sign in with
// the same phone or key — or reuse the still-open session, as a tablet would.
import { BrowserContext, CDPSession, expect, Page } from '@playwright/test';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const STAFF = {
  counter: ['counter', 'hoshigaoka-madoguchi'],
  kodomo: ['kodomo', 'hoshigaoka-kosodate'],
  hoken: ['hoken', 'hoshigaoka-kokuho'],
  seikatsu: ['seikatsu', 'hoshigaoka-iryojosei'],
  shimin: ['shimin', 'hoshigaoka-koseki'],
  shunin: ['shunin', 'hoshigaoka-sekinin'],
  admin: ['admin', 'hoshigaoka-kanrisha'],
  kanri2: ['kanri2', 'hoshigaoka-dainikanri'],
  kansa: ['kansa', 'hoshigaoka-audit-log'],
} as const;
export type Who = keyof typeof STAFF;

/** A credential of Chromium's virtual authenticator, as DevTools gives it back. */
interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

interface Enrolled {
  totpSecret?: string;
  lastStep?: number;
  passkey?: VirtualCredential;
  recoveryCodes?: string[];
  cookies?: Awaited<ReturnType<BrowserContext['cookies']>>;
}

const stateFile = process.env.MADOGUCHI_E2E_STATE ?? path.join(os.tmpdir(), 'madoguchi-e2e-auth.json');

function load(): Record<string, Enrolled> {
  try {
    return JSON.parse(fs.readFileSync(stateFile, 'utf8'));
  } catch {
    return {};
  }
}

function save(who: string, patch: Partial<Enrolled>) {
  const all = load();
  all[who] = { ...all[who], ...patch };
  fs.writeFileSync(stateFile, JSON.stringify(all));
}

export function enrolled(who: Who): Enrolled {
  return load()[who] ?? {};
}

function base32(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The six-digit code of a 30-second step (RFC 6238, SHA-1), as an authenticator app shows it. */
export function totpCode(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return n.toString().padStart(6, '0');
}

/** A code not used before: a code is good once, so wait for the next step if needed. */
async function freshCode(who: Who, secret: string): Promise<string> {
  let step = Math.floor(Date.now() / 30_000);
  const last = enrolled(who).lastStep ?? -1;
  if (step <= last) {
    await new Promise((r) => setTimeout(r, (last + 1) * 30_000 - Date.now() + 200));
    step = last + 1;
  }
  save(who, { lastStep: step });
  return totpCode(secret, step);
}

const authenticators = new WeakMap<Page, { cdp: CDPSession; id: string }>();

/** Gives the page a virtual authenticator (a security key with a resident credential
 * and user verification, as a passkey), holding the staff member's passkey if one was
 * enrolled. One per page. */
export async function virtualAuthenticator(page: Page, who?: Who): Promise<{ cdp: CDPSession; id: string }> {
  const existing = authenticators.get(page);
  if (existing) return existing;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'usb',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const known = who ? enrolled(who).passkey : undefined;
  if (known) await cdp.send('WebAuthn.addCredential', { authenticatorId, credential: known });
  const auth = { cdp, id: authenticatorId };
  authenticators.set(page, auth);
  return auth;
}

/** Keeps the authenticator's credential (and its signature counter) for later contexts. */
export async function keepPasskey(who: Who, auth: { cdp: CDPSession; id: string }) {
  const { credentials } = await auth.cdp.send('WebAuthn.getCredentials', { authenticatorId: auth.id });
  if (credentials.length > 0) save(who, { passkey: credentials[credentials.length - 1] as VirtualCredential });
}

/** From the enrolment step: an authenticator app (or, for administrators, a passkey);
 * the recovery codes are kept and acknowledged. */
export async function enrol(page: Page, who: Who, auth?: { cdp: CDPSession; id: string }) {
  await expect(page.getByRole('heading', { name: '2段階認証を設定してください' })).toBeVisible();
  const appButton = page.getByRole('button', { name: '認証アプリを使う' });
  if (auth || !(await appButton.isVisible())) {
    const a = auth ?? (await virtualAuthenticator(page));
    await page.getByRole('button', { name: 'パスキー・セキュリティキーを登録する' }).click();
    await expect(page.getByRole('heading', { name: 'リカバリーコードを保管してください' })).toBeVisible();
    await keepPasskey(who, a);
  } else {
    await appButton.click();
    const secret = ((await page.locator('.totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    save(who, { totpSecret: secret, lastStep: undefined });
    await page.getByLabel('確認コード').fill(await freshCode(who, secret));
    await page.getByRole('button', { name: '設定する' }).click();
    await expect(page.getByRole('heading', { name: 'リカバリーコードを保管してください' })).toBeVisible();
  }
  const codes = await page.locator('.recovery-codes code').allTextContents();
  expect(codes).toHaveLength(10);
  save(who, { recoveryCodes: codes });
  await page.getByRole('button', { name: '保管しました' }).click();
}

/** The second step, with the factor this staff member enrolled. */
export async function secondFactor(page: Page, who: Who) {
  await expect(page.getByRole('heading', { name: '本人確認' })).toBeVisible();
  const e = enrolled(who);
  if (e.passkey) {
    const auth = await virtualAuthenticator(page, who);
    await page.getByRole('button', { name: 'パスキー・セキュリティキーを使う' }).click();
    await expect(page.getByRole('heading', { name: '本人確認' })).toBeHidden();
    await keepPasskey(who, auth);
  } else {
    await page.getByLabel('確認コード').fill(await freshCode(who, e.totpSecret!));
    await page.getByRole('button', { name: '確認する' }).click();
    await expect(page.getByRole('heading', { name: '本人確認' })).toBeHidden();
  }
}

/** The password step alone (the form must be showing). */
export async function typePassword(page: Page, who: Who, password?: string) {
  const [user, pw] = STAFF[who];
  await expect(page.getByRole('heading', { name: '職員サインイン' })).toBeVisible();
  await page.getByLabel('ユーザー名').fill(user);
  await page.getByLabel('パスワード').fill(password ?? pw);
  await page.getByRole('button', { name: 'サインイン', exact: true }).click();
}

/** Signs in on /login (the page must be showing the form): the session this staff
 * member already has open is reused when it is still alive, as a tablet would;
 * otherwise the password, then enrolment (first time) or the second factor. */
export async function signIn(page: Page, who: Who) {
  await expect(page.getByRole('heading', { name: '職員サインイン' })).toBeVisible();
  const saved = enrolled(who).cookies;
  if (saved) {
    await page.context().addCookies(saved);
    await page.reload();
    const signedIn = page.getByRole('button', { name: 'サインアウト' });
    const form = page.getByRole('heading', { name: '職員サインイン' });
    await expect(signedIn.or(form)).toBeVisible();
    if (!(await form.isVisible())) {
      // Signed in: the sign-in page moves on to the page asked for, which is a page load
      // of its own when the other browser build carries it (the counter's).
      await expect(page).not.toHaveURL(/\/login/);
      await expect(signedIn).toBeVisible();
      return;
    }
  }
  await freshSignIn(page, who);
}

/** Signs in with the password and the second factor, never reusing a session. */
export async function freshSignIn(page: Page, who: Who) {
  await typePassword(page, who);
  const enrol_ = page.getByRole('heading', { name: '2段階認証を設定してください' });
  const verify = page.getByRole('heading', { name: '本人確認' });
  await expect(enrol_.or(verify)).toBeVisible();
  if (await enrol_.isVisible()) await enrol(page, who);
  else await secondFactor(page, who);
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: 'サインアウト' })).toBeVisible();
  save(who, { cookies: await page.context().cookies() });
}
