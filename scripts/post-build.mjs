// Run by Trunk after each build (Trunk.toml), on its staging directory:
//  1. copies the message catalog's files (`target/i18n/<code>/<area>.json`, written by
//     app/build.rs) into the site as `/i18n/...`, where the browser fetches a language
//     when it is first chosen;
//  2. compresses every built file once at the best levels (scripts/precompress.mjs).
import { cpSync, existsSync } from 'node:fs';
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
await import('./precompress.mjs');
