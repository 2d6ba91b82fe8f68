// Run by Trunk after each build (Trunk.toml), on its staging directory:
//  1. copies the message catalog's files (`target/i18n/<code>/<area>.json`, written by
//     app/build.rs) into the site as `/i18n/...`, where the browser fetches a language
//     when it is first chosen;
//  2. lets a page that came with its first screen (the counter's, sent by the server:
//     server/src/http/first_screen.rs) paint it before the app's download starts, so
//     the download never competes with it: Trunk's loader waits for the first frame;
//  3. compresses every built file once at the best levels (scripts/precompress.mjs).
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const catalog = fileURLToPath(new URL('../target/i18n', import.meta.url));
if (!existsSync(catalog)) {
  console.error(`post-build: ${catalog} is missing (app/build.rs writes it)`);
  process.exit(1);
}
cpSync(catalog, join(dir, 'i18n'), { recursive: true });
console.log(`post-build: copied the message catalog into ${dir}/i18n`);

const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
const start = 'const wasm = await init(';
if (!html.includes(start)) {
  console.error(`post-build: Trunk's loader in ${page} no longer has "${start}"`);
  process.exit(1);
}
const afterPaint =
  "if (document.getElementById('first-screen')) await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));\n";
writeFileSync(page, html.replace(start, afterPaint + start));
console.log('post-build: the loader waits for the first screen to be painted');
await import('./precompress.mjs');
