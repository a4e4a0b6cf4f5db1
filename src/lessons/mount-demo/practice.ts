// mount-demo's practice: the learner mounts, writes, creates and deletes, and these checks grade
// the principle on the kernel's state: any file of lower, any content, relative paths or not.
import { isAbsolute } from "node:path";
import { overlayLayers, readMountInfo } from "../../overlay/mountinfo.js";
import type { Practice } from "../../runner/types.js";
import { listing, yesNo } from "../observe.js";
import type { MountDemoWords } from "./en.js";
import { type Ctx, classifyUpper, exists, lowerContents, read } from "./image.js";

type MountPractice = Practice<Record<string, never>, MountDemoWords>;

/** Does a path from the mount's options name this workspace directory? Relative ones are the shell's, which starts at the root. */
function names(ctx: Ctx, given: string | undefined, relative: string): boolean {
  if (given === undefined) return false;
  const root = `${ctx.workspace.root}/`;
  if (isAbsolute(given) && !given.startsWith(root)) return false;
  const stats = ctx.stat(isAbsolute(given) ? given.slice(root.length) : given);
  const wanted = ctx.stat(relative);
  return stats !== undefined && wanted !== undefined && stats.dev === wanted.dev && stats.ino === wanted.ino;
}

/** lower/ is exactly as the lesson wrote it: the image never changes. */
function lowerIntact(ctx: Ctx): boolean {
  return [...lowerContents(ctx.w)].every(([path, content]) => read(ctx, `lower/${path}`) === content);
}

export const mountPractice: MountPractice = {
  task: (w) => w.practice.mount.task,
  hint: (w, ctx) => (ctx.mode === "rootless" ? w.practice.mount.hintRootless : w.practice.mount.hint),
  done: (w) => w.practice.mount.done,
  verify(ctx) {
    const { w, workspace } = ctx;
    const mount = readMountInfo().findLast((entry) => entry.mountPoint === workspace.merged);
    ctx.check("is-overlay", w.mount.checkType, "overlay", mount?.fsType ?? "(not mounted)");
    const layers = mount ? overlayLayers(mount) : { lower: [] };
    const lowerOk = layers.lower.length === 1 && names(ctx, layers.lower[0], "lower");
    ctx.check("lowerdir", w.mount.checkLower, "lower", layers.lower.join(":") || "(none)", lowerOk);
    ctx.check("upperdir", w.mount.checkUpper, "upper", layers.upper ?? "(none)", names(ctx, layers.upper, "upper"));
    ctx.check("workdir", w.mount.checkWork, "work", layers.work ?? "(none)", names(ctx, layers.work, "work"));
    ctx.check("merged-shows-lower", w.mount.checkMerged, listing(ctx, "lower"), listing(ctx, "merged"));
    // Rootless, overlay must keep its whiteouts' and opaque dirs' notes in user.* xattrs: without
    // userxattr the mount works until the first delete of a lower directory (EIO).
    if (ctx.mode === "rootless") {
      const options = mount?.superOptions.split(",") ?? [];
      ctx.check("userxattr", w.practice.checkUserxattr, "userxattr", options.includes("userxattr") ? "userxattr" : "(missing)");
    }
  },
};

export const copyUpPractice: MountPractice = {
  task: (w) => w.practice.copyUp.task,
  hint: (w) => w.practice.copyUp.hint,
  done: (w) => w.practice.copyUp.done,
  verify(ctx) {
    const { w } = ctx;
    const copied = classifyUpper(ctx)["copy-up"];
    ctx.check("copied-up", w.practice.checkCopied, "≥ 1", copied.join(" ") || "(none)", copied.length > 0);
    ctx.check("lower-unchanged", w.write.checkLower, "yes", yesNo(lowerIntact(ctx)));
    const differs = copied.filter(
      (path) => read(ctx, `merged/${path}`) === read(ctx, `upper/${path}`) && read(ctx, `upper/${path}`) !== read(ctx, `lower/${path}`),
    );
    ctx.check("merged-shows-copy", w.practice.checkCopyDiffers, "≥ 1", differs.join(" ") || "(none)", differs.length > 0);
  },
};

export const newFilePractice: MountPractice = {
  task: (w) => w.practice.newFile.task,
  hint: (w) => w.practice.newFile.hint,
  done: (w) => w.practice.newFile.done,
  verify(ctx) {
    const { w } = ctx;
    const created = classifyUpper(ctx).new.filter((path) => read(ctx, `merged/${path}`) === read(ctx, `upper/${path}`));
    ctx.check("new-in-upper", w.practice.checkNew, "≥ 1", created.join(" ") || "(none)", created.length > 0);
    ctx.check("lower-unchanged", w.write.checkLower, "yes", yesNo(lowerIntact(ctx)));
  },
};

export const whiteoutPractice: MountPractice = {
  task: (w) => w.practice.whiteout.task,
  hint: (w) => w.practice.whiteout.hint,
  done: (w) => w.practice.whiteout.done,
  verify(ctx) {
    const { w } = ctx;
    const deleted = classifyUpper(ctx).whiteout.filter((path) => exists(ctx, `lower/${path}`) && !exists(ctx, `merged/${path}`));
    ctx.check("whiteout-hides", w.practice.checkDeleted, "≥ 1", deleted.join(" ") || "(none)", deleted.length > 0);
    ctx.check("still-in-lower", w.delete.checkLower, "yes", yesNo(lowerIntact(ctx)));
  },
};
