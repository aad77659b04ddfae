// Builds the browser bundle into ../assets/ (committed, so `cargo` never needs Node).
//
//   node build.mjs                 build into ../assets/
//   node build.mjs --outdir DIR    build into DIR
//   node build.mjs --check         build into a temp dir; exit 1 if ../assets/ differs (stale bundle)
//
// Output: app.js (ESM, minified, es2020), app.css (minified), and .gz (gzip -9) and .br
// (brotli q11) of both; api.js (the "Use via API" page); and extras/<name>.js, one script per
// file of src/extras/ (not starting with "_"): components that only the pages using them load,
// each with its stylesheet inside. The output is byte-for-byte the same on every run.

import { createHash } from "node:crypto";
import { build, transform } from "esbuild";
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const assetsDir = resolve(here, "..", "assets");
const stylesDir = join(here, "src", "styles");
const extrasDir = join(here, "src", "extras");
/** The components loaded only by the pages that use them: src/extras/<name>.ts → extras/<name>.js. */
const EXTRAS = (await readdir(extrasDir))
  .filter((f) => f.endsWith(".ts") && !f.startsWith("_"))
  .sort()
  .map((f) => f.replace(/\.ts$/, ""));
const OUTPUTS = [
  "app.js", "app.js.gz", "app.js.br", "app.css", "app.css.gz", "app.css.br", "api.js", "api.js.gz", "api.js.br",
  ...EXTRAS.map((name) => `extras/${name}.js`),
];

/** Bundles the JS and CSS; returns { "app.js": Uint8Array, "app.css": Uint8Array }. */
async function bundle() {
  const common = {
    bundle: true,
    minify: true,
    write: false,
    sourcemap: false,
    legalComments: "none",
    charset: "utf8",
    logLevel: "warning",
    absWorkingDir: here,
  };
  // A stylesheet a script imports as text (the API page's, the extras'), minified like app.css.
  const cssAsText = {
    name: "css-as-minified-text",
    setup(b) {
      b.onLoad({ filter: /\.css$/ }, async (args) => {
        const { code } = await transform(await readFile(args.path, "utf8"), {
          loader: "css",
          minify: true,
          target: ["chrome100", "firefox100", "safari15"],
        });
        return { contents: code, loader: "text" };
      });
    },
  };
  const script = (entry, outfile) =>
    build({
      ...common,
      entryPoints: [entry],
      outfile,
      format: "esm",
      platform: "browser",
      target: "es2020",
      jsx: "automatic",
      jsxImportSource: "preact",
      define: { "process.env.NODE_ENV": '"production"' },
      plugins: [cssAsText],
    });
  const js = await script("src/main.tsx", "app.js");
  // The "Use via API" page: its own script with its stylesheet inside, loaded only for
  // `?view=api`.
  const api = await script("src/api_main.tsx", "api.js");

  // Every stylesheet in src/styles/, in a fixed order: index.css imports them all.
  const sheets = (await readdir(stylesDir)).filter((f) => f.endsWith(".css")).sort();
  const index = await readFile(join(stylesDir, "index.css"), "utf8");
  const missing = sheets.filter((f) => f !== "index.css" && !index.includes(`"./${f}"`));
  if (missing.length) throw new Error(`src/styles/index.css does not import: ${missing.join(", ")}`);
  const css = await build({
    ...common,
    entryPoints: ["src/styles/index.css"],
    outfile: "app.css",
    target: ["chrome100", "firefox100", "safari15"],
  });

  const out = {
    "app.js": js.outputFiles[0].contents,
    "app.css": Buffer.concat([css.outputFiles[0].contents, await symbolsFontFace()]),
    "api.js": api.outputFiles[0].contents,
  };
  // Each extra is a plain script that registers its component through `window.ferry` (the
  // same API as app authors' components), its CSS imported as text and adopted as a sheet.
  for (const name of EXTRAS) {
    const extra = await build({
      ...common,
      entryPoints: [`src/extras/${name}.ts`],
      outfile: `${name}.js`,
      format: "iife",
      platform: "browser",
      target: "es2020",
      plugins: [cssAsText],
    });
    out[`extras/${name}.js`] = extra.outputFiles[0].contents;
  }
  return out;
}

/**
 * The @font-face of the embedded Material Symbols (../assets/fonts/, made by
 * scripts/subset-material-symbols.sh), under the name the server gives it:
 * `material-symbols-rounded.<first 12 hex digits of its SHA-256>.woff2` (src/server/assets.rs).
 * The URL is relative to the page, which inlines this stylesheet; the browser fetches the font
 * only when the page shows a Material icon (`.ferry-symbol`).
 */
async function symbolsFontFace() {
  const font = await readFile(resolve(assetsDir, "fonts", "material-symbols-rounded.woff2"));
  const hash = createHash("sha256").update(font).digest("hex").slice(0, 12);
  return Buffer.from(
    `@font-face{font-family:ferry-symbols;font-display:block;src:url(assets/material-symbols-rounded.${hash}.woff2)format("woff2")}\n`,
  );
}

function gzip(data) {
  const out = gzipSync(data, { level: 9, memLevel: 9 });
  // The header's OS byte depends on the platform zlib was built for; pin it to "Unix" (3).
  out[9] = 3;
  return out;
}

function brotli(data) {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 22,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}

/** Builds every output file; returns a map name → bytes. */
async function buildAll() {
  const raw = await bundle();
  const files = {};
  for (const [name, data] of Object.entries(raw)) {
    files[name] = Buffer.from(data);
    // Extras are served by the app as it serves its own components' scripts: raw.
    if (name.startsWith("extras/")) continue;
    files[`${name}.gz`] = gzip(data);
    files[`${name}.br`] = brotli(data);
  }
  return files;
}

async function writeAll(dir, files) {
  await mkdir(join(dir, "extras"), { recursive: true });
  for (const name of OUTPUTS) await writeFile(join(dir, name), files[name]);
}

function kb(n) {
  return `${(n / 1024).toFixed(1)} KB`;
}

/** Decompresses a committed .gz/.br file, or returns null when it is not valid. */
function inflate(name, data) {
  try {
    return name.endsWith(".gz") ? gunzipSync(data) : brotliDecompressSync(data);
  } catch {
    return null;
  }
}

/** What every page load fetches, brotli-compressed: the bundle and its stylesheet. */
const BUDGET = 22 * 1024;

/** The page's weight with brotli, or an error when it is over the budget. */
function budgetProblem(files) {
  const weight = files["app.js.br"].length + files["app.css.br"].length;
  return weight > BUDGET
    ? `app.js.br + app.css.br weigh ${kb(weight)}, over the ${kb(BUDGET)} budget`
    : null;
}

async function check() {
  const tmp = await mkdtemp(join(tmpdir(), "ferry-assets-"));
  try {
    const fresh = await buildAll();
    await writeAll(tmp, fresh);
    const problems = [];
    const heavy = budgetProblem(fresh);
    if (heavy) problems.push(heavy);
    for (const name of OUTPUTS) {
      let committed;
      try {
        committed = await readFile(join(assetsDir, name));
      } catch {
        problems.push(`${name}: missing`);
        continue;
      }
      if (committed.equals(fresh[name])) continue;
      // Another zlib/brotli build may pack the same bytes differently: what matters is that the
      // compressed file holds exactly the fresh bundle.
      const base = name.replace(/\.(gz|br)$/, "");
      if (base !== name) {
        const inner = inflate(name, committed);
        if (inner && inner.equals(fresh[base])) continue;
      }
      problems.push(`${name}: differs from a fresh build (${committed.length} bytes committed, ${fresh[name].length} built)`);
    }
    if (problems.length) {
      const where = relative(process.cwd(), assetsDir) || ".";
      console.error(`error: the committed bundle in ${where}/ is stale:`);
      for (const p of problems) console.error(`  - ${p}`);
      console.error("Run `npm run build` in frontend/ and commit assets/.");
      process.exitCode = 1;
    } else {
      console.log(`assets/ is up to date (${OUTPUTS.length} files match a fresh build).`);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes("--check")) return check();
  const at = args.indexOf("--outdir");
  const outdir = at >= 0 && args[at + 1] ? resolve(args[at + 1]) : assetsDir;
  const files = await buildAll();
  await writeAll(outdir, files);
  for (const name of ["app.js", "app.css", "api.js"]) {
    const f = files[name];
    console.log(`${name.padEnd(8)} ${kb(f.length).padStart(9)} raw  ${kb(files[`${name}.gz`].length).padStart(9)} gzip  ${kb(files[`${name}.br`].length).padStart(9)} brotli`);
  }
  for (const name of EXTRAS) {
    const f = files[`extras/${name}.js`];
    console.log(`extras/${name}.js ${kb(f.length)} raw, ${kb(brotli(f).length)} brotli`);
  }
  console.log(`wrote ${OUTPUTS.length} files to ${outdir}`);
  const heavy = budgetProblem(files);
  if (heavy) {
    console.error(`error: ${heavy}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
