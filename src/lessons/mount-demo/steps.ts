// mount-demo: lowerdir / upperdir / workdir / merged, reads, copy-up, new files and whiteouts.
// Each step shows the commands a learner would type and checks its claim on the live kernel.

import { isWhiteout } from "../../layers/entry.js";
import type { Lesson } from "../../runner/types.js";
import { listing, yesNo } from "../observe.js";
import { mountWorkspace } from "../workspace.js";
import { en, type MountDemoWords } from "./en.js";
import { appConf, classifyUpper, containerData, exists, imageLog, LOWER_FILES, mainPy, newAppConf, read } from "./image.js";
import { ja } from "./ja.js";
import { copyUpPractice, mountPractice, newFilePractice, whiteoutPractice } from "./practice.js";
import { zh } from "./zh.js";

export const mountDemo: Lesson<Record<string, never>, MountDemoWords> = {
  words: { en, zh, ja },
  id: "mount-demo",
  title: (w) => w.title,
  steps: [
    {
      id: "make-layers",
      title: (w) => w.layers.title,
      explain: (w) => w.layers.explain,
      async run(ctx) {
        const { w } = ctx;
        await ctx.mkdir("lower", "upper", "work", "merged");
        ctx.facts([
          ["lower/", w.layers.lower],
          ["upper/", w.layers.upper],
          ["work/", w.layers.work],
          ["merged/", w.layers.merged],
        ]);
        const contents = ["lower", "upper", "work", "merged"].map((dir) => `${dir}/:${listing(ctx, dir)}`).join(" ");
        ctx.check("dirs-empty", w.layers.checkExist, "lower/:(empty) upper/:(empty) work/:(empty) merged/:(empty)", contents);
        const sameFs = ctx.stat("upper")?.dev === ctx.stat("work")?.dev;
        ctx.check("upper-work-same-fs", w.layers.checkSameFs, "yes", yesNo(sameFs));
      },
      keyPoint: (w) => w.layers.key,
    },
    {
      id: "fill-lower",
      title: (w) => w.fill.title,
      explain: (w) => w.fill.explain,
      async run(ctx) {
        const { w } = ctx;
        await ctx.mkdir("lower/etc", "lower/app");
        await ctx.writeFile("lower/etc/app.conf", appConf(w));
        await ctx.writeFile("lower/app/main.py", mainPy(w));
        await ctx.writeFile("lower/image-log.txt", imageLog(w));
        await ctx.run(["find", "lower", "-type", "f"]);
        ctx.check("lower-files", w.fill.checkFiles, LOWER_FILES.join(" "), ctx.files("lower").join(" "));
      },
      keyPoint: (w) => w.fill.key,
    },
    {
      id: "mount",
      title: (w) => w.mount.title,
      explain: (w) => w.mount.explain,
      async run(ctx) {
        const { w, workspace } = ctx;
        await mountWorkspace(ctx);
        await ctx.run(["findmnt", "merged"]);
        const mount = ctx.mountAt(workspace.merged);
        // Rootless, findmnt shows options the lesson did not ask for: say why, next to them.
        if (mount?.options.has("userxattr")) ctx.say(w.mount.rootlessUserxattr);
        if (mount?.options.get("redirect_dir") === "nofollow") ctx.say(w.mount.rootlessRedirect);
        ctx.check("is-overlay", w.mount.checkType, "overlay", mount?.fsType ?? "(not mounted)");
        const layers = mount?.layers ?? { lower: [] };
        ctx.check("lowerdir", w.mount.checkLower, workspace.lower, layers.lower.join(":"));
        ctx.check("upperdir", w.mount.checkUpper, workspace.upper, layers.upper ?? "(none)");
        ctx.check("workdir", w.mount.checkWork, workspace.work, layers.work ?? "(none)");
        await ctx.run(["ls", "-A", "merged"]);
        ctx.check("merged-shows-lower", w.mount.checkMerged, listing(ctx, "lower"), listing(ctx, "merged"));
      },
      keyPoint: (w) => w.mount.key,
      practice: mountPractice,
    },
    {
      id: "read",
      title: (w) => w.read.title,
      explain: (w) => w.read.explain,
      async run(ctx) {
        const { w } = ctx;
        const result = await ctx.run(["cat", "merged/etc/app.conf"]);
        ctx.check("read-content", w.read.checkContent, appConf(w).trimEnd(), result.stdout);
        ctx.check("upper-empty", w.read.checkUpperEmpty, "(empty)", listing(ctx, "upper"));
      },
      keyPoint: (w) => w.read.key,
    },
    {
      id: "copy-up",
      title: (w) => w.write.title,
      explain: (w) => w.write.explain,
      async run(ctx) {
        const { w } = ctx;
        await ctx.writeFile("merged/etc/app.conf", newAppConf(w));
        await ctx.run(["head", "lower/etc/app.conf", "upper/etc/app.conf"]);
        ctx.check("lower-unchanged", w.write.checkLower, appConf(w), read(ctx, "lower/etc/app.conf"));
        ctx.check("upper-has-copy", w.write.checkUpper, newAppConf(w), read(ctx, "upper/etc/app.conf"));
        ctx.check("merged-shows-new", w.write.checkMerged, newAppConf(w), read(ctx, "merged/etc/app.conf"));
        ctx.say(w.write.parentCopied);
      },
      keyPoint: (w) => w.write.key,
      practice: copyUpPractice,
    },
    {
      id: "new-file",
      title: (w) => w.create.title,
      explain: (w) => w.create.explain,
      async run(ctx) {
        const { w } = ctx;
        await ctx.writeFile("merged/container-data.txt", containerData(w));
        await ctx.run(["ls", "-A", "lower", "upper"]);
        ctx.check("new-in-upper", w.create.checkUpper, "yes", yesNo(exists(ctx, "upper/container-data.txt")));
        ctx.check("new-not-in-lower", w.create.checkLower, "no", yesNo(exists(ctx, "lower/container-data.txt")));
        ctx.check("new-in-merged", w.create.checkMerged, containerData(w), read(ctx, "merged/container-data.txt"));
      },
      keyPoint: (w) => w.create.key,
      practice: newFilePractice,
    },
    {
      id: "whiteout",
      title: (w) => w.delete.title,
      explain: (w) => w.delete.explain,
      async run(ctx) {
        const { w } = ctx;
        await ctx.remove("merged/image-log.txt");
        ctx.check("gone-from-merged", w.delete.checkMerged, "no", yesNo(exists(ctx, "merged/image-log.txt")));
        ctx.check("still-in-lower", w.delete.checkLower, "yes", yesNo(exists(ctx, "lower/image-log.txt")));
        const stat = await ctx.run(["stat", "-c", "%F %t:%T", "upper/image-log.txt"], { allowFailure: true });
        ctx.check("stat-whiteout", w.delete.checkStat, "character special file 0:0", stat.stdout.trim() || stat.stderr);
        const stats = ctx.stat("upper/image-log.txt");
        ctx.check("rdev-zero", w.delete.checkWhiteout, "yes", yesNo(stats !== undefined && isWhiteout(stats)));
      },
      keyPoint: (w) => w.delete.key,
      practice: whiteoutPractice,
    },
    {
      id: "layers",
      title: (w) => w.summary.title,
      explain: (w) => w.summary.explain,
      async run(ctx) {
        const { w } = ctx;
        await ctx.run(["ls", "-lR", "upper"]);
        const lowerIntact =
          ctx.files("lower").join(" ") === LOWER_FILES.join(" ") &&
          read(ctx, "lower/etc/app.conf") === appConf(w) &&
          read(ctx, "lower/image-log.txt") === imageLog(w);
        ctx.check("lower-intact", w.summary.checkLowerIntact, "yes", yesNo(lowerIntact));
        // What the container did, by kind: the principle, whichever files (practice mode) were changed.
        const changes = classifyUpper(ctx);
        const observed = (["copy-up", "new", "whiteout"] as const).map((kind) => `${kind}: ${changes[kind].join(" ") || "-"}`).join(" · ");
        const expected = "copy-up, new and whiteout entries only, at least one of each";
        const ok = changes.other.length === 0 && changes["copy-up"].length > 0 && changes.new.length > 0 && changes.whiteout.length > 0;
        ctx.check("upper-changes", w.summary.checkUpperChanges, expected, observed, ok);
        ctx.say(w.summary.takeaways);
        for (const line of [w.summary.t1, w.summary.t2, w.summary.t3, w.summary.t4, w.summary.t5]) {
          ctx.say(`• ${line}`);
        }
      },
      keyPoint: (w) => w.summary.key,
    },
  ],
};
