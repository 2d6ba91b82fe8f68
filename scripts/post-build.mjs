// Run by Trunk after each build (Trunk.toml), on its staging directory. Trunk builds
// frontend/index.html (every page but the counter's: the `office` build); this then
//  1. copies the message catalog's files (`target/i18n/<code>/<area>.json`, written by
//     app/build.rs) into the site as `/i18n/...`, where the browser fetches a language
//     when it is first chosen;
//  2. builds the counter tablet's own app (frontend/index.html with the `counter` build)
//     into `counter-app/`, and the residents' public pages (the `public` build) into
//     `public-app/`, of the same staging directory, so neither the tablet nor a
//     resident's phone downloads the staff and administration pages (the server sends
//     them for `/counter` and `/`);
//  3. in that build, lets the page that came with its first screen (sent by the server:
//     server/src/http/first_screen.rs) paint it before the app's download starts, so
//     the download never competes with it: Trunk's loader waits for the first frame;
//  4. compresses every built file once at the best levels (scripts/precompress.mjs).
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const nested = ['counter', 'public'].includes(process.env.MADOGUCHI_FRONTEND_BUILD);

if (nested) {
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
  console.log(`post-build: the ${process.env.MADOGUCHI_FRONTEND_BUILD} loader waits for a first screen to be painted`);
  process.exit(0);
}

const catalog = fileURLToPath(new URL('../target/i18n', import.meta.url));
if (!existsSync(catalog)) {
  console.error(`post-build: ${catalog} is missing (app/build.rs writes it)`);
  process.exit(1);
}
cpSync(catalog, join(dir, 'i18n'), { recursive: true });
console.log(`post-build: copied the message catalog into ${dir}/i18n`);

// The counter's and the public pages' builds use frontend/index.html with their own
// feature instead of `office`, written under target/<name>-page/ with their references
// rewritten relative to that folder (Trunk resolves every href from the page's own
// folder, even one that starts with '/'): one page to keep, not three.
const root = fileURLToPath(new URL('..', import.meta.url));
const frontend = join(root, 'frontend');
const office = readFileSync(join(frontend, 'index.html'), 'utf8');
const officeFeature = 'data-cargo-features="office"';
if (!office.includes(officeFeature)) {
  console.error(`post-build: frontend/index.html no longer has ${officeFeature}`);
  process.exit(1);
}
const builds = [
  { name: 'counter', dir: 'counter-app' },
  {
    name: 'public',
    dir: 'public-app',
    // The residents' page describes itself for the city's site and search engines.
    title: 'くらしの手続きナビ — 星ヶ丘市 窓口',
    description: '出来事を選ぶと、必要な手続き、期限、窓口、持ち物がわかります。',
  },
];
for (const build of builds) {
  const pageDir = join(root, 'target', `${build.name}-page`);
  let page = office
    .replace(officeFeature, `data-cargo-features="${build.name}"`)
    .replace(
      /(<link data-trunk[^>]*\shref=")([^"]+)"/g,
      (_, head, href) => `${head}${relative(pageDir, resolve(frontend, href))}"`,
    );
  if (build.title) page = page.replace(/<title>[^<]*<\/title>/, `<title>${build.title}</title>`);
  if (build.description) {
    page = page.replace(/(<meta name="description" content=")[^"]*"/, `$1${build.description}"`);
  }
  mkdirSync(pageDir, { recursive: true });
  writeFileSync(join(pageDir, 'index.html'), page);

  const args = ['build', join(pageDir, 'index.html'), '--dist', join(dir, build.dir), '--public-url', `/${build.dir}/`];
  if (process.env.TRUNK_PROFILE === 'release') args.push('--release');
  console.log(`post-build: trunk ${args.join(' ')}`);
  const built = spawnSync('trunk', args, {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, MADOGUCHI_FRONTEND_BUILD: build.name },
  });
  if (built.status !== 0) {
    console.error(`post-build: the ${build.name} build failed`);
    process.exit(1);
  }
}
await import('./precompress.mjs');
