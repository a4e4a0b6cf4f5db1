// mount-demo: lowerdir / upperdir / workdir / merged, reads, copy-up, new files and whiteouts.
// Each step shows the commands a learner would type and checks its claim on the live kernel.
import type { Messages } from "../i18n/index.js";
import { isWhiteout } from "../overlay/layers.js";
import { overlayLayers, readMountInfo } from "../overlay/mountinfo.js";
import type { Lesson, LessonContext } from "../runner/types.js";
import { listing, yesNo } from "./observe.js";

// The files of the "image". Their comments follow the learner's language; the settings are
// the ones the course uses.
const appConf = (t: Messages): string => `# ${t.mount.files.appConfShipped}\nserver_name = production\nport = 8080\n`;
const newAppConf = (t: Messages): string => `# ${t.mount.files.appConfChanged}\nserver_name = development\nport = 3000\ndebug = true\n`;
const mainPy = (t: Messages): string => `print("${t.mount.files.mainPy}")\n`;
const imageLog = (t: Messages): string => `${t.mount.files.imageLog}\nlayer: sha256:3f1c9a…\n`;
const containerData = (t: Messages): string => `${t.mount.files.containerData}\n`;

const LOWER_FILES = ["app/main.py", "etc/app.conf", "image-log.txt"];

const read = (ctx: LessonContext, path: string): string => ctx.read(path) ?? "(missing)";
const exists = (ctx: LessonContext, path: string): boolean => ctx.stat(path) !== undefined;

export const mountDemo: Lesson = {
  id: "mount-demo",
  title: (t) => t.mount.title,
  steps: [
    {
      id: "make-layers",
      title: (t) => t.mount.layers.title,
      explain: (t) => t.mount.layers.explain,
      async run(ctx) {
        const { t } = ctx;
        await ctx.mkdir("lower", "upper", "work", "merged");
        ctx.facts([
          ["lower/", t.mount.layers.lower],
          ["upper/", t.mount.layers.upper],
          ["work/", t.mount.layers.work],
          ["merged/", t.mount.layers.merged],
        ]);
        const contents = ["lower", "upper", "work", "merged"].map((dir) => `${dir}/:${listing(ctx, dir)}`).join(" ");
        ctx.check("dirs-empty", t.mount.layers.checkExist, "lower/:(empty) upper/:(empty) work/:(empty) merged/:(empty)", contents);
        const sameFs = ctx.stat("upper")?.dev === ctx.stat("work")?.dev;
        ctx.check("upper-work-same-fs", t.mount.layers.checkSameFs, "yes", yesNo(sameFs));
      },
      keyPoint: (t) => t.mount.layers.key,
    },
    {
      id: "fill-lower",
      title: (t) => t.mount.fill.title,
      explain: (t) => t.mount.fill.explain,
      async run(ctx) {
        const { t } = ctx;
        await ctx.mkdir("lower/etc", "lower/app");
        await ctx.writeFile("lower/etc/app.conf", appConf(t));
        await ctx.writeFile("lower/app/main.py", mainPy(t));
        await ctx.writeFile("lower/image-log.txt", imageLog(t));
        await ctx.run(["find", "lower", "-type", "f"]);
        ctx.check("lower-files", t.mount.fill.checkFiles, LOWER_FILES.join(" "), ctx.files("lower").join(" "));
      },
      keyPoint: (t) => t.mount.fill.key,
    },
    {
      id: "mount",
      title: (t) => t.mount.mount.title,
      explain: (t) => t.mount.mount.explain,
      async run(ctx) {
        const { t, workspace } = ctx;
        await ctx.mountOverlay({ lower: [workspace.lower], upper: workspace.upper, work: workspace.work, merged: workspace.merged });
        await ctx.run(["findmnt", "merged"]);
        const mount = readMountInfo().findLast((entry) => entry.mountPoint === workspace.merged);
        ctx.check("is-overlay", t.mount.mount.checkType, "overlay", mount?.fsType ?? "(not mounted)");
        const layers = mount ? overlayLayers(mount) : { lower: [] };
        ctx.check("lowerdir", t.mount.mount.checkLower, workspace.lower, layers.lower.join(":"));
        ctx.check("upperdir", t.mount.mount.checkUpper, workspace.upper, layers.upper ?? "(none)");
        ctx.check("workdir", t.mount.mount.checkWork, workspace.work, layers.work ?? "(none)");
        await ctx.run(["ls", "-A", "merged"]);
        ctx.check("merged-shows-lower", t.mount.mount.checkMerged, listing(ctx, "lower"), listing(ctx, "merged"));
      },
      keyPoint: (t) => t.mount.mount.key,
    },
    {
      id: "read",
      title: (t) => t.mount.read.title,
      explain: (t) => t.mount.read.explain,
      async run(ctx) {
        const { t } = ctx;
        const result = await ctx.run(["cat", "merged/etc/app.conf"]);
        ctx.check("read-content", t.mount.read.checkContent, appConf(t).trimEnd(), result.stdout);
        ctx.check("upper-empty", t.mount.read.checkUpperEmpty, "(empty)", listing(ctx, "upper"));
      },
      keyPoint: (t) => t.mount.read.key,
    },
    {
      id: "copy-up",
      title: (t) => t.mount.write.title,
      explain: (t) => t.mount.write.explain,
      async run(ctx) {
        const { t } = ctx;
        await ctx.writeFile("merged/etc/app.conf", newAppConf(t));
        await ctx.run(["head", "lower/etc/app.conf", "upper/etc/app.conf"]);
        ctx.check("lower-unchanged", t.mount.write.checkLower, appConf(t), read(ctx, "lower/etc/app.conf"));
        ctx.check("upper-has-copy", t.mount.write.checkUpper, newAppConf(t), read(ctx, "upper/etc/app.conf"));
        ctx.check("merged-shows-new", t.mount.write.checkMerged, newAppConf(t), read(ctx, "merged/etc/app.conf"));
        ctx.say(t.mount.write.parentCopied);
      },
      keyPoint: (t) => t.mount.write.key,
    },
    {
      id: "new-file",
      title: (t) => t.mount.create.title,
      explain: (t) => t.mount.create.explain,
      async run(ctx) {
        const { t } = ctx;
        await ctx.writeFile("merged/container-data.txt", containerData(t));
        await ctx.run(["ls", "-A", "lower", "upper"]);
        ctx.check("new-in-upper", t.mount.create.checkUpper, "yes", yesNo(exists(ctx, "upper/container-data.txt")));
        ctx.check("new-not-in-lower", t.mount.create.checkLower, "no", yesNo(exists(ctx, "lower/container-data.txt")));
        ctx.check("new-in-merged", t.mount.create.checkMerged, containerData(t), read(ctx, "merged/container-data.txt"));
      },
      keyPoint: (t) => t.mount.create.key,
    },
    {
      id: "whiteout",
      title: (t) => t.mount.delete.title,
      explain: (t) => t.mount.delete.explain,
      async run(ctx) {
        const { t } = ctx;
        await ctx.remove("merged/image-log.txt");
        ctx.check("gone-from-merged", t.mount.delete.checkMerged, "no", yesNo(exists(ctx, "merged/image-log.txt")));
        ctx.check("still-in-lower", t.mount.delete.checkLower, "yes", yesNo(exists(ctx, "lower/image-log.txt")));
        const stat = await ctx.run(["stat", "-c", "%F %t:%T", "upper/image-log.txt"], { allowFailure: true });
        ctx.check("stat-whiteout", t.mount.delete.checkStat, "character special file 0:0", stat.stdout.trim() || stat.stderr);
        const stats = ctx.stat("upper/image-log.txt");
        ctx.check("rdev-zero", t.mount.delete.checkWhiteout, "yes", yesNo(stats !== undefined && isWhiteout(stats)));
      },
      keyPoint: (t) => t.mount.delete.key,
    },
    {
      id: "layers",
      title: (t) => t.mount.summary.title,
      explain: (t) => t.mount.summary.explain,
      async run(ctx) {
        const { t } = ctx;
        await ctx.run(["ls", "-lR", "upper"]);
        const lowerIntact =
          ctx.files("lower").join(" ") === LOWER_FILES.join(" ") &&
          read(ctx, "lower/etc/app.conf") === appConf(t) &&
          read(ctx, "lower/image-log.txt") === imageLog(t);
        ctx.check("lower-intact", t.mount.summary.checkLowerIntact, "yes", yesNo(lowerIntact));
        ctx.check(
          "upper-changes",
          t.mount.summary.checkUpperChanges,
          "container-data.txt etc/app.conf image-log.txt",
          ctx.files("upper").join(" "),
        );
        ctx.say(t.mount.summary.takeaways);
        for (const line of [t.mount.summary.t1, t.mount.summary.t2, t.mount.summary.t3, t.mount.summary.t4, t.mount.summary.t5]) {
          ctx.say(`• ${line}`);
        }
      },
      keyPoint: (t) => t.mount.summary.key,
    },
  ],
};
