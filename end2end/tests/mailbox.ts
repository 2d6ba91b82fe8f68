// The messages the local SMTP sink (end2end/mail/sink.mjs) received, as the server sent
// them to residents.
import { expect } from '@playwright/test';
import fs from 'node:fs';

export interface Mail { to: string; subject: string; text: string }

export function mails(to: string): Mail[] {
  const file = process.env.MADOGUCHI_E2E_MAILBOX;
  if (!file) throw new Error('MADOGUCHI_E2E_MAILBOX is not set (scripts/browser-tests.sh sets it)');
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)
    .map((line) => JSON.parse(line) as Mail).filter((m) => m.to === to);
}

/** Waits for the `count`-th message to `to` (the server sends within a few seconds). */
export async function nthMail(to: string, count: number): Promise<Mail> {
  await expect.poll(() => mails(to).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
  return mails(to)[count - 1];
}
