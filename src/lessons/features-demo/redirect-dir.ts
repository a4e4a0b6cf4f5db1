// Step 2, redirect-dir: rename a directory of the image. Without redirect_dir, rename(2) fails
// with EXDEV and mv copies the whole tree up and deletes the old one instead; with
// redirect_dir=on, upper gets the new name, an overlay.redirect xattr naming the old one, a
// whiteout at the old name, and not one byte of the files.
import { dirname, posix } from "node:path";
import { formatBytes, formatMs } from "../../i18n/format.js";
import { isWhiteout } from "../../layers/entry.js";
import type { Step } from "../../runner/types.js";
import { listing, yesNo } from "../observe.js";
import type { FeaturesWords } from "./en.js";
import {
  type Ctx,
  container,
  ddFile,
  directoriesBeneath,
  dirsOf,
  duBytes,
  errnoName,
  MiB,
  mountOf,
  mountWithFeature,
  regularFiles,
  round,
  showXattr,
  totalOf,
} from "./stack.js";

const STEP = "redirect-dir";
const IMAGE = `${STEP}/image`;
const OLD = "srv/www";
const NEW = "srv/site";
const ASSET_BYTES = 2 * MiB;
const OFF = container(STEP, "off");
const ON = container(STEP, "on");

/**
 * rename(2) and nothing else. coreutils' mv falls back to copy and delete where rename fails
 * (`mv --no-copy`, which refuses instead, came in coreutils 9.5): perl's rename is the bare system
 * call, and perl-base is in every Debian and Ubuntu; where perl is missing, the node running this
 * lesson makes the same call. Either prints the errno's number, which the lesson names.
 */
function renameArgv(ctx: Ctx, from: string, to: string): string[] {
  if (ctx.has("perl")) return ["perl", "-e", 'rename($ARGV[0], $ARGV[1]) or die sprintf("rename: %s (errno %d)\\n", $!, $!)', from, to];
  const script =
    'try { require("fs").renameSync(process.argv[1], process.argv[2]) } catch (e) { console.error("rename: " + e.message.split(",")[0] + " (errno " + -e.errno + ")"); process.exit(1) }';
  return [process.execPath, "-e", script, from, to];
}

async function setUp(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  await ctx.mkdir(`${IMAGE}/${OLD}`, ...dirsOf(OFF), ...dirsOf(ON));
  await ctx.writeFile(`${IMAGE}/${OLD}/index.html`, `<h1>${w.redirect.page}</h1>\n`);
  for (const asset of ["app.js", "logo.png", "video.mp4"]) await ctx.run(ddFile(`${IMAGE}/${OLD}/${asset}`, ASSET_BYTES));
  await mountWithFeature(ctx, mountOf(ON, [IMAGE], ["redirect_dir=on"]), { id: "redirect-dir", option: "redirect_dir=on" });
  await ctx.mountOverlay(mountOf(OFF, [IMAGE], ["redirect_dir=off"]));
  ctx.showLayers({ lower: [IMAGE], upper: OFF.upper, merged: OFF.merged });
  await renameWithout(ctx);
}

/** Without redirect_dir: rename(2) says EXDEV, and mv copies and deletes instead. */
async function renameWithout(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  ctx.say(ctx.has("perl") ? w.redirect.whyPerl : w.redirect.whyNode);
  const rename = await ctx.run(renameArgv(ctx, `${OFF.merged}/${OLD}`, `${OFF.merged}/${NEW}`), { allowFailure: true });
  const errno = /\(errno (\d+)\)/.exec(rename.stderr)?.[1];
  const name = errno === undefined ? (rename.exitCode === 0 ? "(none: it worked)" : "(no errno)") : errnoName(Number(errno));
  ctx.metric("renameWithoutRedirect", name);
  ctx.check("rename-exdev", w.redirect.checkExdev, "EXDEV", name);
  ctx.say(w.redirect.mvInstead);
  const mv = await ctx.run(["mv", `${OFF.merged}/${OLD}`, `${OFF.merged}/${NEW}`]);
  const copied = totalOf(regularFiles(ctx, `${OFF.upper}/${NEW}`));
  const image = totalOf(regularFiles(ctx, `${IMAGE}/${OLD}`));
  ctx.metric("mvCopiedBytes", copied);
  ctx.metric("mvCopyMs", round(mv.ms));
  ctx.facts([[w.redirect.mvCopied, `${formatBytes(copied)} · ${formatMs(mv.ms)}`]]);
  ctx.check("mv-copied", w.redirect.checkCopied, `${image} B`, `${copied} B`);
  ctx.check("old-name-whiteout", w.redirect.checkWhiteoutOff, "yes", yesNo(whiteoutAt(ctx, `${OFF.upper}/${OLD}`)));
}

const whiteoutAt = (ctx: Ctx, path: string): boolean => {
  const stats = ctx.stat(path);
  return stats !== undefined && isWhiteout(stats);
};

/** With redirect_dir=on, the same rename(2) works: what the learner does in practice. */
async function renameWith(ctx: Ctx): Promise<void> {
  const rename = await ctx.run(renameArgv(ctx, `${ON.merged}/${OLD}`, `${ON.merged}/${NEW}`));
  ctx.metric("renameRedirectMs", round(rename.ms));
}

/** A renamed directory in upper: the one that carries overlay.redirect, wherever the learner put it. */
function renamedDirectory(ctx: Ctx): { path: string; redirect: string } | undefined {
  for (const path of directoriesBeneath(ctx, ON.upper)) {
    const redirect = ctx.overlayXattrs(`${ON.upper}/${path}`).redirect;
    if (redirect !== undefined) return { path, redirect };
  }
  return undefined;
}

/** What the rename left: a redirect and a whiteout, nothing copied, the files under the new name. */
async function checkRedirect(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  await ctx.run(["ls", "-l", `${OFF.upper}/srv`, `${ON.upper}/srv`]);
  const renamed = renamedDirectory(ctx);
  const name = `${ctx.xattrNamespace}.overlay.redirect`;
  if (renamed !== undefined) await showXattr(ctx, `${ON.upper}/${renamed.path}`, name);
  // A redirect is the old path from the layer's root, or only the old name when the parent is the same.
  const from =
    renamed === undefined
      ? undefined
      : renamed.redirect.startsWith("/")
        ? renamed.redirect.slice(1)
        : posix.join(dirname(renamed.path), renamed.redirect);
  ctx.check("redirect-xattr", w.redirect.checkXattr(name), OLD, from ?? "(none)");
  const [copiedOff = 0, copiedOn = 0] = await duBytes(ctx, ["-s"], [OFF.upper, ON.upper]);
  const files = [...regularFiles(ctx, ON.upper).keys()];
  ctx.check("nothing-copied", w.redirect.checkNothingCopied, "(none)", files.join(" ") || "(none)");
  ctx.check("old-name-hidden", w.redirect.checkWhiteoutOn, "yes", yesNo(from !== undefined && whiteoutAt(ctx, `${ON.upper}/${from}`)));
  if (renamed !== undefined) await ctx.run(["ls", "-A", `${ON.merged}/${renamed.path}`]);
  const shown = renamed === undefined ? "(missing)" : listing(ctx, `${ON.merged}/${renamed.path}`);
  ctx.check("files-under-new-name", w.redirect.checkNewName, listing(ctx, `${IMAGE}/${OLD}`), shown);
  ctx.facts([
    [w.redirect.upperOff, formatBytes(copiedOff)],
    [w.redirect.upperOn, formatBytes(copiedOn)],
  ]);
  ctx.metric("redirectUpperBytes", copiedOn);
}

/** Why it matters beyond this container; said once the rename passed (in practice, not after a failed try). */
function explainRedirect(ctx: Ctx): void {
  ctx.say(ctx.w.redirect.nativeDiff);
  ctx.say(ctx.w.common.mapShows("redirect_dir=off"));
}

export const redirectDirStep: Step<Record<string, never>, FeaturesWords> = {
  id: STEP,
  title: (w) => w.redirect.title,
  explain: (w) => w.redirect.explain,
  async run(ctx) {
    await setUp(ctx);
    await renameWith(ctx);
    await checkRedirect(ctx);
    explainRedirect(ctx);
  },
  keyPoint: (w) => w.redirect.key,
  practice: {
    task: (w) => w.redirect.practice.task,
    hint: (w) => w.redirect.practice.hint,
    done: (w) => w.redirect.practice.done,
    prepare: setUp,
    showMe: renameWith,
    verify: checkRedirect,
    finish: async (ctx) => explainRedirect(ctx),
  },
};
