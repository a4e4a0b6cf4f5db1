// Bundles the CLI with esbuild: unbundled, resolving a few hundred module files makes start-up
// about 3× bare `node`. Lessons and commands stay in lazily loaded chunks, so `--help` parses
// only commander and the catalogue.
//
// `node scripts/build.mjs`             build dist/ (npm run build; `prepare` on npm install / npm ci)
// `node scripts/build.mjs --prepack`   build, then take `prepare` out of package.json for the tarball
// `node scripts/build.mjs --postpack`  put package.json back as it was
//
// Why the pack pair: npm (11.x) lists a tarball or git dependency's `prepare` among its install
// scripts, so installing our tarball warned "overlay-lesson (prepare: node scripts/build.mjs) has
// install scripts", for a script whose file is not even in the tarball. The published manifest
// must carry no `prepare`, yet a clone's `npm install` must still build. npm packs the
// package.json on disk after `prepack` (and reads `prepare` again only then, so it does not build
// twice), so `prepack` builds and writes the manifest without `prepare`, and `postpack` restores
// the original bytes. Under `npm publish`, npm re-reads package.json after `postpack` to send it
// to the registry, so there the restore waits for `postpublish`. A restore only happens while
// package.json is exactly what `--prepack` wrote: an interrupted pack is repaired by the next
// build, and an edit made in between is never overwritten.
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { build } from "esbuild";

const MANIFEST = "package.json";
const ORIGINAL = ".package.json.prepack"; // outside `files`: never packed

/** The manifest as `--prepack` writes it: the original without scripts.prepare. */
function packedManifest(originalText) {
  const manifest = JSON.parse(originalText);
  delete manifest.scripts.prepare;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** commander's require of node:child_process, made lazy (scripts/lazy-child-process.cjs says why). */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes("/node_modules/commander/") ? { path: resolve("scripts/lazy-child-process.cjs") } : undefined,
    );
  },
};

function restoreManifest() {
  if (!existsSync(ORIGINAL)) return;
  const original = readFileSync(ORIGINAL, "utf8");
  if (readFileSync(MANIFEST, "utf8") === packedManifest(original)) writeFileSync(MANIFEST, original);
  else console.warn(`build: ${MANIFEST} changed since \`npm pack\` took \`prepare\` out of it; the original is in ${ORIGINAL}`);
  rmSync(ORIGINAL);
}

/**
 * The HTML report's page script (src/inspect/html/page/main.ts, with d3-hierarchy and the CLI's
 * own formatters and words), bundled for the browser as one IIFE. The CLI inlines it into each
 * report (src/inspect/html/document.ts reads dist/report-page.js), so a report needs no network.
 * d3-hierarchy's ISC license asks for its notice in every copy: it heads the bundle.
 */
async function buildReportPage() {
  const d3 = JSON.parse(readFileSync("node_modules/d3-hierarchy/package.json", "utf8"));
  const license = readFileSync("node_modules/d3-hierarchy/LICENSE", "utf8").trim();
  const result = await build({
    entryPoints: ["src/inspect/html/page/main.ts"],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: ["chrome109", "firefox115", "safari16"],
    minify: true,
    legalComments: "none",
    banner: { js: `/*! d3-hierarchy ${d3.version} (https://github.com/d3/d3-hierarchy)\n${license} */` },
    write: false,
    logLevel: "warning",
  });
  const script = result.outputFiles[0].text;
  // Inlined in a <script> element: the HTML parser would end it at the first "</script".
  if (/<\/script/i.test(script)) throw new Error("build: the report page's script holds </script");
  writeFileSync("dist/report-page.js", script);
}

const mode = process.argv[2];
if (mode === "--postpack") {
  // `npm publish` and `npm stage publish` run postpack before they re-read package.json for the
  // registry: there the restore waits for postpublish (which runs after a --dry-run too).
  const publishing = process.env.npm_command === "publish" || process.env.npm_command === "stage";
  if (!publishing || process.env.npm_lifecycle_event === "postpublish") restoreManifest();
  process.exit(0);
}

restoreManifest();

rmSync("dist", { recursive: true, force: true });
await build({
  // The read-ahead worker is an entry of its own (src/layers/read-ahead-worker.ts): a worker thread
  // loads a file, and this one shares the walk's chunks with the program.
  // The HTML report's tree builder is one too: each worker loads it to build its subtrees' trees.
  entryPoints: {
    "overlay-lesson": "src/bin.ts",
    "read-ahead-worker": "src/layers/read-ahead-worker.ts",
    "tree-companion": "src/inspect/html/tree-companion.ts",
  },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "none",
  // A native module cannot be bundled: src/overlay/xattr.ts loads it from node_modules at run time,
  // which is why it is a runtime dependency in package.json.
  external: ["@napi-rs/xattr"],
  plugins: [lazyChildProcess],
  // commander is CommonJS: give its require() of node built-ins a real require in ESM output.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
chmodSync("dist/overlay-lesson.js", 0o755);
await buildReportPage();

if (mode === "--prepack") {
  const original = readFileSync(MANIFEST, "utf8");
  writeFileSync(ORIGINAL, original);
  writeFileSync(MANIFEST, packedManifest(original));
}
