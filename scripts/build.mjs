// Bundles the CLI with esbuild: unbundled, resolving a few hundred module files makes start-up
// about 3× bare `node`. Lessons and commands stay in lazily loaded chunks, so `--help` parses
// only commander and the catalogue.
import { chmodSync, rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: { "overlay-lesson": "src/bin.ts" },
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
  // commander is CommonJS: give its require() of node built-ins a real require in ESM output.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
chmodSync("dist/overlay-lesson.js", 0o755);
