// Every resident can use the counter: the birth case walked in each resident language
// (chosen on the first screen, held to the receipt, the page's `lang` following it),
// once with furigana and large text, once at 320 px width and at 200 % zoom, and the
// screen read aloud through a stand-in speech synthesiser. Screenshots and axe-core on
// every step (helpers.Shots).
import { test, expect, Page } from '@playwright/test';
import { Shots, signIn, jstDay, drawSignature, sampleFor, atCounterStart } from './helpers';
import { RESIDENT_LANGUAGES, t, readings } from './i18n';

// The walks take a while; once, in the tablet's usual stance, is enough.
test.beforeEach(async ({}, info) => {
  test.skip(info.project.name !== 'tablet-portrait', 'run once, in portrait');
  test.setTimeout(180_000);
});


/** No button or heading shows a key or nothing. */
async function expectNoBlankControls(page: Page) {
  const blank = await page.locator('main button:visible, main h1, main label:visible').evaluateAll((els) =>
    els
      .filter((e) => (e as HTMLElement).innerText.trim() === '' || /\b(counter|common)\.[a-z_.]+\b/.test((e as HTMLElement).innerText))
      .map((e) => e.outerHTML.slice(0, 120)),
  );
  expect(blank, 'controls without text').toEqual([]);
}

async function step(page: Page, shots: Shots, html: string, name: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', html);
  await expectNoBlankControls(page);
  await shots.take(name);
}

/** From the start screen to the receipt and a clean tablet, in one language. */
async function walkBirth(page: Page, shots: Shots, code: string, html: string, name: string, contrast = false) {
  const T = (key: string, values: Record<string, string> = {}) => t(code, key, values);
  await page.goto('/counter');
  const discard = page.getByRole('button', { name: '終了して新しく始める' });
  const begin = page.getByRole('button', { name: '受付をはじめる' });
  await expect(begin.or(discard)).toBeVisible();
  if (await discard.isVisible()) await discard.click();

  // The language is chosen on the first screen, before the visit starts.
  await page.getByRole('group', { name: '言語 / Language' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { name: T('counter.start.title'), exact: true })).toBeVisible();
  await step(page, shots, html, `${code}-start`);
  await page.getByRole('button', { name: T('counter.start.begin') }).click();

  await expect(page.getByRole('heading', { name: T('counter.event.title') })).toBeVisible();
  if (contrast) {
    await page.getByRole('button', { name: T('common.display.high_contrast') }).click();
    await expect(page.locator('html')).toHaveClass(/high-contrast/);
  }
  await page.getByRole('button', { name: T('counter.event.birth.title') }).click();
  await step(page, shots, html, `${code}-event`);
  await page.getByRole('button', { name: T('common.next'), exact: true }).click();

  await expect(page.getByRole('heading', { name: T('counter.find.title') })).toBeVisible();
  await page.locator('#kana').fill('ヤマダ タロウ');
  await page.locator('#birth_date').fill('1990-05-01');
  await step(page, shots, html, `${code}-find`);
  await page.getByRole('button', { name: T('counter.find.search') }).click();

  await expect(page.getByRole('heading', { name: T('counter.members.title') })).toBeVisible();
  await expect(page.locator('table.members')).toContainText(T('counter.members.relation.head'));
  await step(page, shots, html, `${code}-members`);
  await page.getByRole('button', { name: T('counter.members.ok') }).click();

  await expect(page.getByRole('heading', { name: T('counter.consent.title') })).toBeVisible();
  await step(page, shots, html, `${code}-consent`);
  await page.getByRole('button', { name: T('counter.consent.agree'), exact: true }).click();

  await expect(page.getByRole('heading', { name: T('counter.baby.title') })).toBeVisible();
  await page.locator('#given_name').fill('陽菜');
  await page.locator('#given_kana').fill('ヒナ');
  await page.locator('#baby_birth_date').fill(jstDay(-2));
  await page.getByLabel(T('counter.baby.female'), { exact: true }).check();
  await step(page, shots, html, `${code}-baby`);
  await page.getByRole('button', { name: T('common.next'), exact: true }).click();

  await expect(page.getByRole('heading', { name: T('counter.procedures.title') })).toBeVisible();
  await expect(page.locator('li.procedure')).toHaveCount(6);
  await expect(page.locator('.count')).toHaveText(T('counter.procedures.count', { n: '6' }));
  // Procedures named in the resident's language, the official Japanese name beside.
  const birth = page.locator('[data-procedure="birth_registration"] h3');
  const birthName = html === 'ja' ? '出生届' : `${T('rules.procedures.birth_registration.name')} 出生届`;
  await expect(birth).toHaveText(birthName);
  if (html !== 'ja') {
    await expect(birth.locator('.official-name')).toHaveAttribute('lang', 'ja');
    await expect(page.locator('[data-procedure="birth_registration"] .documents')).toContainText(T('rules.documents.母子健康手帳'));
    // The rules' reasons too: translated, values written the language's way, and no
    // Japanese sentence left (names are kanji; kana would mean an untranslated reason).
    const reasons = page.locator('[data-procedure="birth_registration"] .reasons');
    await expect(reasons).toContainText(T('rules.texts.出生の日を含めて14日以内に届け出ます'));
    await expect(reasons).toContainText('陽菜'); // {subject}: the baby, by name
    const kana = await page.locator('.procedure .reasons li, .procedure .deadline-note').evaluateAll((els) =>
      els.map((e) => (e as HTMLElement).innerText).filter((t) => /[\u3041-\u309F\u30A0-\u30FF]/.test(t)),
    );
    expect(kana, 'reasons still in Japanese').toEqual([]);
  }
  await step(page, shots, html, `${code}-procedures`);
  await page.getByRole('button', { name: T('counter.procedures.make_forms') }).click();

  await expect(page.getByRole('heading', { name: T('counter.confirm.title') })).toBeVisible();
  await step(page, shots, html, `${code}-confirm`);
  await page.getByRole('button', { name: T('counter.confirm.proceed') }).click();

  // The interview: every screen answered with sample values until the review.
  for (let i = 0; i < 12; i++) {
    const heading = (await page.locator('h1').innerText()).trim();
    if (heading === T('counter.review.title')) break;
    for (const input of await page.locator('form input:not([type=radio])').all()) {
      if ((await input.inputValue()) === '') {
        await input.fill(sampleFor((await input.getAttribute('id')) ?? ''));
      }
    }
    for (const group of await page.locator('form .radios').all()) {
      if ((await group.locator('input:checked').count()) === 0) await group.locator('input').first().check();
    }
    if (i === 0) {
      // The form catalog's texts speak the language too (forms.toml beyond the three
      // languages written with the forms).
      if (!['ja', 'ja-x-easy', 'en'].includes(code)) {
        await expect(page.locator('h1')).toHaveText(T('forms.topics.applicant.title'));
        await expect(page.locator('form')).toContainText(T('forms.fields.applicant.phone.label'));
      }
      await step(page, shots, html, `${code}-interview`);
    }
    await page.getByRole('button', { name: T('common.next'), exact: true }).click();
    await expect(page.locator('h1')).not.toHaveText(heading);
  }
  await expect(page.getByRole('heading', { name: T('counter.review.title') })).toBeVisible();
  await step(page, shots, html, `${code}-review`);
  await page.getByRole('button', { name: T('counter.review.proceed') }).click();

  await expect(page.getByRole('heading', { name: T('counter.sign.title'), exact: true })).toBeVisible();
  await drawSignature(page);
  await expect(page.locator('.signature-actions')).toContainText(T('counter.sign.signed'));
  await step(page, shots, html, `${code}-sign`);
  await page.getByRole('button', { name: T('counter.sign.submit'), exact: true }).click();

  await expect(page.getByRole('heading', { name: T('counter.receipt.title') })).toBeVisible();
  await expect(page.locator('main')).toContainText(T('counter.receipt.sent', { count: '6' }));
  await expect(page.locator('table.receipt')).toContainText(birthName);
  await step(page, shots, html, `${code}-receipt`);
  // The printed receipt: Japanese, with this language below each line in its own font.
  const print = page.getByRole('link', { name: T('counter.receipt.print') });
  const href = (await print.getAttribute('href'))!;
  expect(href).toMatch(new RegExp(`/receipt\\.pdf\\?lang=${code}$`));
  const pdf = await (await page.request.get(href)).body();
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  shots.keep(`${code}-receipt.pdf`, pdf);
  expect(pdf.includes('NotoSansCJK'), 'lines in the resident\'s language').toBe(code !== 'ja' && !code.startsWith('ja-'));
  await page.getByRole('button', { name: T('counter.receipt.finish') }).click();
  await expect(page.getByRole('heading', { name: T('counter.survey.title') })).toBeVisible();
  await page.getByRole('button', { name: T('counter.survey.skip') }).click();

  // The next resident starts in Japanese.
  await expect(page.getByRole('button', { name: '受付をはじめる' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
}

test('the birth case in every resident language', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/counter');
  await signIn(page, 'counter');
  for (const lang of RESIDENT_LANGUAGES) {
    await walkBirth(page, shots, lang.code, lang.html, lang.name);
  }
});

test('high contrast: the birth case in black on white, axe-core clean on every screen', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await page.goto('/counter');
  await signIn(page, 'counter');
  await walkBirth(page, shots, 'ja', 'ja', '日本語', true);
  // Gone for the next resident.
  await expect(page.locator('html')).not.toHaveClass(/high-contrast/);
});

test('furigana and large text, in plain Japanese and Japanese', async ({ page }, info) => {
  const shots = new Shots(page, info);
  await atCounterStart(page);
  await page.getByRole('button', { name: '受付をはじめる' }).click();
  // (Playwright's own accessible-name rule reads ruby as "大 きな 文字", Chromium's as
  // "大きな文字"; the large-text switch is pressed before readings appear in its name.)
  await page.getByRole('button', { name: '大きな文字' }).click();
  await page.getByRole('button', { name: 'ふりがな' }).click();
  await expect(page.locator('html')).toHaveClass(/large-text/);
  // Readings over the kanji, as the catalog gives them.
  await expect(page.locator('main ruby rt').first()).toBeVisible();
  for (const reading of readings('ja', 'counter.event.birth.hint')) {
    await expect(page.locator('main rt', { hasText: reading }).first()).toBeAttached();
  }
  const base = await page.evaluate(() => getComputedStyle(document.querySelector('main h1')!).fontSize);
  expect(parseFloat(base)).toBeGreaterThanOrEqual(38); // 2rem at 125 %
  await shots.take('ja-event-furigana-large');
  // With readings shown, controls are found by place and words read without them.
  await page.locator('button.choice').first().click();
  await page.locator('.actions .btn-primary').click();
  await expect.poll(() => withoutReadings(page, '#step-heading')).toBe('世帯をさがす');
  await expect(page.locator('#step-heading rt')).toHaveText('せたい');
  await shots.take('ja-find-furigana-large');
  // やさしい日本語 keeps them on.
  await page.getByRole('group', { name: /Language/ }).getByRole('button', { name: 'やさしい にほんご' }).click();
  await expect(page.getByRole('heading', { name: t('ja-x-easy', 'counter.find.title') })).toBeVisible();
  await expect(page.getByRole('button', { name: 'ふりがな' })).toHaveAttribute('aria-pressed', 'true');
  await shots.take('easy-find-furigana-large');
  // Not offered for a language without kanji; large text stays.
  await page.getByRole('group', { name: /Language/ }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: t('en', 'counter.find.title') })).toBeVisible();
  await expect(page.locator('main ruby')).toHaveCount(0);
  await expect(page.locator('html')).toHaveClass(/large-text/);
  await shots.take('en-find-large');
  // Ending the visit clears it all for the next resident.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: t('en', 'counter.event.cancel') }).click();
  await expect(page.getByRole('button', { name: '受付をはじめる' })).toBeVisible();
  await expect(page.locator('html')).not.toHaveClass(/large-text/);
  await expect(page.locator('main ruby')).toHaveCount(0);
});

/** An element's text as read without furigana. */
async function withoutReadings(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluate((e) => {
    const copy = e.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('rt').forEach((rt) => rt.remove());
    return (copy.textContent ?? '').trim();
  });
}

/** No horizontal scrolling: the page reflows to the viewport (WCAG 1.4.10). */
async function expectReflows(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, 'page wider than the viewport').toBeLessThanOrEqual(client);
}

for (const [label, viewport, scale] of [
  ['320 px wide', { width: 320, height: 640 }, 1],
  ['200 % zoom', { width: 590, height: 410 }, 2],
] as const) {
  test(`the first screens reflow at ${label}`, async ({ browser }, info) => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale, hasTouch: true });
    const page = await context.newPage();
    const shots = new Shots(page, info);
    await atCounterStart(page);
    await expectReflows(page);
    await shots.take('start');
    await page.getByRole('button', { name: '受付をはじめる' }).click();
    await page.getByRole('button', { name: /子どもが生まれた/ }).click();
    await expectReflows(page);
    await shots.take('event');
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await page.locator('#kana').fill('ヤマダ タロウ');
    await page.locator('#birth_date').fill('1990-05-01');
    await expectReflows(page);
    await shots.take('find');
    await page.getByRole('button', { name: 'さがす' }).click();
    await expect(page.getByRole('heading', { name: '世帯の方を確認してください' })).toBeVisible();
    await expectReflows(page);
    await shots.take('members');
    await page.getByRole('button', { name: 'この世帯で進める' }).click();
    await expect(page.getByRole('heading', { name: '税の情報を使ってよいですか' })).toBeVisible();
    await expectReflows(page);
    await shots.take('consent');
    await context.close();
  });
}

test('the screen is read aloud in the visit language, where a voice exists', async ({ page }, info) => {
  // A stand-in synthesiser with Japanese and English voices only; it records what it is
  // asked to say, and in which language.
  await page.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    (window as any).__spoken = spoken;
    const voices = [
      { lang: 'ja-JP', name: 'Japanese', voiceURI: 'ja', default: true, localService: true },
      { lang: 'en-US', name: 'English', voiceURI: 'en', default: false, localService: true },
    ];
    class Utterance {
      text: string; lang = ''; voice: unknown = null;
      constructor(text: string) { this.text = text; }
    }
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        onvoiceschanged: null,
        getVoices: () => voices,
        speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang }),
        cancel: () => {},
      },
    });
  });
  const shots = new Shots(page, info);
  await atCounterStart(page);
  await page.getByRole('group', { name: '言語 / Language' }).getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'What has happened?' })).toBeVisible();
  await page.getByRole('button', { name: 'Read aloud' }).click();
  const spoken = () => page.evaluate(() => (window as any).__spoken as { text: string; lang: string }[]);
  await expect.poll(async () => (await spoken()).length).toBe(1);
  const first = (await spoken())[0];
  expect(first.lang).toBe('en');
  expect(first.text).toContain('What has happened?');
  expect(first.text).toContain('A baby was born');
  expect(first.text).toContain('Next');
  await shots.take('en-read-aloud');

  // Japanese with furigana: the readings are spoken, as the city wrote them.
  await page.getByRole('group', { name: /Language/ }).getByRole('button', { name: '日本語' }).click();
  await page.getByRole('button', { name: 'ふりがな' }).click();
  await page.locator('.read-aloud').click();
  await expect.poll(async () => (await spoken()).length).toBe(2);
  const second = (await spoken())[1];
  expect(second.lang).toBe('ja');
  expect(second.text).toContain('どんなことがありましたか');
  expect(second.text).toContain('しゅっせい');

  // No Vietnamese voice on this device: no button that cannot work.
  await page.getByRole('group', { name: /Language/ }).getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('heading', { name: t('vi', 'counter.event.title') })).toBeVisible();
  await expect(page.locator('.read-aloud')).toHaveCount(0);
  await shots.take('vi-no-voice');
  await page.getByRole('button', { name: t('vi', 'counter.event.cancel') }).click();
  await expect(page.getByRole('button', { name: '受付をはじめる' })).toBeVisible();
});

test('the catalog files: a language that does not exist is a 404', async ({ page }) => {
  await atCounterStart(page);
  await page.getByRole('group', { name: '言語 / Language' }).getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const missing = await page.request.get('/i18n/tlh/counter.json');
  expect(missing.status()).toBe(404);
  const present = await page.request.get('/i18n/vi/counter.json');
  expect(present.status()).toBe(200);
  expect(Object.keys(await present.json())).toContain('counter.start.title');
});
