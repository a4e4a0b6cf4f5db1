// mount-demo's practice: the learner mounts, writes, creates and deletes, and these checks grade
// the principle on the kernel's state: any file of lower, any content, relative paths or not.
// The checks name the files the learner touched; diagnose.ts says why a try failed.
import type { Practice } from "../../runner/types.js";
import { listing, yesNo } from "../observe.js";
import {
  describeUpper,
  diagnoseCopyUp,
  diagnoseMount,
  diagnoseNewFile,
  diagnoseWhiteout,
  lowerChanges,
  namer,
  touchedInStep,
} from "./diagnose.js";
import type { MountDemoWords } from "./en.js";
import { type Ctx, classifyUpper, exists, read } from "./image.js";

type MountPractice = Practice<Record<string, never>, MountDemoWords>;

/** lower/ is exactly as the lesson wrote it (the image never changes), named by the files the learner touched. */
function checkLowerKept(ctx: Ctx, id: string, touched: readonly string[]): void {
  const { w } = ctx;
  const changed = lowerChanges(ctx);
  const named = [...new Set([...touched, ...changed])].sort();
  const label = named.length > 0 ? w.practice.checkLowerKept(ctx.t.practice.list(named), named.length) : w.practice.checkLowerAll;
  ctx.check(id, label, "yes", yesNo(changed.length === 0));
}

export const mountPractice: MountPractice = {
  task: (w) => w.practice.mount.task,
  hint: (w, ctx) => (ctx.mode === "rootless" ? w.practice.mount.hintRootless : w.practice.mount.hint),
  done: (w) => w.practice.mount.done,
  verify(ctx, step) {
    const { w, workspace } = ctx;
    const names = namer(ctx, step);
    const mount = ctx.mountAt(workspace.merged);
    ctx.check("is-overlay", w.mount.checkType, "overlay", mount?.fsType ?? "(not mounted)");
    const layers = mount?.layers ?? { lower: [] };
    const lowerOk = layers.lower.length === 1 && names(layers.lower[0], "lower");
    ctx.check("lowerdir", w.mount.checkLower, "lower", layers.lower.join(":") || "(none)", lowerOk);
    ctx.check("upperdir", w.mount.checkUpper, "upper", layers.upper ?? "(none)", names(layers.upper, "upper"));
    ctx.check("workdir", w.mount.checkWork, "work", layers.work ?? "(none)", names(layers.work, "work"));
    ctx.check("merged-shows-lower", w.mount.checkMerged, listing(ctx, "lower"), listing(ctx, "merged"));
    // Rootless, overlay must keep its whiteouts' and opaque dirs' notes in user.* xattrs: without
    // userxattr the mount works until the first delete of a lower directory (EIO).
    if (ctx.mode === "rootless") {
      const userxattr = mount?.options.has("userxattr") === true;
      ctx.check("userxattr", w.practice.checkUserxattr, "userxattr", userxattr ? "userxattr" : "(missing)");
    }
  },
  diagnose: diagnoseMount,
};

export const copyUpPractice: MountPractice = {
  task: (w) => w.practice.copyUp.task,
  hint: (w) => w.practice.copyUp.hint,
  done: (w) => w.practice.copyUp.done,
  verify(ctx, step) {
    const { w } = ctx;
    const copied = classifyUpper(ctx)["copy-up"].filter(touchedInStep(step));
    ctx.check("copied-up", w.practice.checkCopied, "copy-up: ≥ 1", describeUpper(ctx), copied.length > 0);
    checkLowerKept(ctx, "lower-unchanged", copied);
    const differs = copied.filter(
      (path) => read(ctx, `merged/${path}`) === read(ctx, `upper/${path}`) && read(ctx, `upper/${path}`) !== read(ctx, `lower/${path}`),
    );
    const observed = differs.join(" ") || (copied.length > 0 ? `(same as lower: ${copied.join(" ")})` : "(no copy in upper)");
    ctx.check("merged-shows-copy", w.practice.checkCopyDiffers, "≥ 1", observed, differs.length > 0);
  },
  diagnose: diagnoseCopyUp,
};

export const newFilePractice: MountPractice = {
  task: (w) => w.practice.newFile.task,
  hint: (w) => w.practice.newFile.hint,
  done: (w) => w.practice.newFile.done,
  verify(ctx, step) {
    const { w } = ctx;
    const created = classifyUpper(ctx)
      .new.filter(touchedInStep(step))
      .filter((path) => read(ctx, `merged/${path}`) === read(ctx, `upper/${path}`));
    ctx.check("new-in-upper", w.practice.checkNew, "new: ≥ 1", describeUpper(ctx), created.length > 0);
    checkLowerKept(ctx, "lower-unchanged", []);
  },
  diagnose: diagnoseNewFile,
};

export const whiteoutPractice: MountPractice = {
  task: (w) => w.practice.whiteout.task,
  hint: (w) => w.practice.whiteout.hint,
  done: (w) => w.practice.whiteout.done,
  verify(ctx, step) {
    const { w } = ctx;
    const deleted = classifyUpper(ctx)
      .whiteout.filter(touchedInStep(step))
      .filter((path) => exists(ctx, `lower/${path}`) && !exists(ctx, `merged/${path}`));
    ctx.check("whiteout-hides", w.practice.checkDeleted, "whiteout: ≥ 1", describeUpper(ctx), deleted.length > 0);
    const changed = lowerChanges(ctx);
    const label = deleted.length > 0 ? w.practice.checkStillInLower(ctx.t.practice.list(deleted)) : w.practice.checkLowerAll;
    ctx.check("still-in-lower", label, "yes", yesNo(changed.length === 0));
  },
  diagnose: diagnoseWhiteout,
};
