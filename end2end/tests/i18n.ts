// The message catalog as the built site serves it (dist/i18n/<code>/<area>.json, made by
// app/build.rs from locales/), so tests find buttons and headings in any language by
// their keys rather than by copies of the texts.
import * as fs from 'fs';
import * as path from 'path';

const site = path.join(__dirname, '..', '..', 'dist', 'i18n');

/** The residents' languages (locales/languages.toml), with their `lang` attribute. */
export const RESIDENT_LANGUAGES: { code: string; html: string; name: string }[] = [
  { code: 'ja', html: 'ja', name: '日本語' },
  { code: 'ja-x-easy', html: 'ja', name: 'やさしい にほんご' },
  { code: 'en', html: 'en', name: 'English' },
  { code: 'zh-Hans', html: 'zh-Hans', name: '简体中文' },
  { code: 'ko', html: 'ko', name: '한국어' },
  { code: 'vi', html: 'vi', name: 'Tiếng Việt' },
  { code: 'pt', html: 'pt', name: 'Português' },
];

const cache = new Map<string, Record<string, string>>();

function area(code: string, name: string): Record<string, string> {
  const file = path.join(site, code, `${name}.json`);
  if (!cache.has(file)) cache.set(file, JSON.parse(fs.readFileSync(file, 'utf8')));
  return cache.get(file)!;
}

/** A message's text in a language as shown without furigana, values filled in. */
export function t(code: string, key: string, values: Record<string, string> = {}): string {
  const text = area(code, key.split('.')[0])[key];
  if (text === undefined) throw new Error(`no message ${key} in ${code}`);
  return text
    .replace(/\{([^{}|]+)\|[^{}]+\}/g, '$1')
    .replace(/\{(\w+)\}/g, (_, name) => values[name] ?? `{${name}}`);
}

/** The readings of a Japanese message, as furigana show them. */
export function readings(code: string, key: string): string[] {
  const text = area(code, key.split('.')[0])[key];
  return [...text.matchAll(/\{[^{}|]+\|([^{}]+)\}/g)].map((m) => m[1]);
}
