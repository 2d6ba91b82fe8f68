// Compresses the built frontend once, at the best levels (brotli 11, gzip 9), next to
// each file (`x.wasm.br`, `x.wasm.gz`); `madoguchi serve` sends these as they are to
// browsers that accept them instead of compressing on every request at a lower level.
// Run by Trunk after each build (Trunk.toml) on its staging directory, or by hand:
//   node scripts/precompress.mjs [dir]   (default: dist)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const worth = /\.(wasm|js|css|html|svg|json|txt)$/;

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

let before = 0;
let after = 0;
for (const file of walk(dir).filter((f) => worth.test(f))) {
  const data = readFileSync(file);
  if (data.length < 1024) continue;
  const br = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
  before += data.length;
  after += br.length;
}
console.log(`precompressed ${dir}: ${Math.round(before / 1024)} KB -> ${Math.round(after / 1024)} KB brotli`);
