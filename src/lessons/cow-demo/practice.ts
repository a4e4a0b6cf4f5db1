// cow-demo's practice: the learner makes the big copy-up happen and times it. Whatever they wrote,
// upper must hold at least a whole copy and lower must be untouched; a failed try is explained
// from what it changed (another file, lower itself, a `>` that left nothing to copy).
import { formatBytes } from "../../i18n/format.js";
import { fileUsage } from "../../overlay/usage.js";
import type { Practice } from "../../runner/types.js";
import { exactBytes, few } from "../observe.js";
import type { CowDemoWords } from "./en.js";
import { BIG, type CowOptions, sizeOf } from "./measure.js";

export const bigCopyPractice: Practice<CowOptions, CowDemoWords> = {
  task: (w) => w.practice.bigCopy.task,
  hint: (w) => w.practice.bigCopy.hint,
  done: (w) => w.practice.bigCopy.done,
  verify(ctx) {
    const { w, options } = ctx;
    const apparent = fileUsage(ctx.path(`upper/${BIG}`))?.apparentBytes;
    const observed = apparent === undefined ? "(no copy in upper)" : exactBytes(apparent);
    const whole = `≥ ${exactBytes(options.sizeBytes)}`;
    ctx.check("whole-copy-apparent", w.practice.checkWhole, whole, observed, (apparent ?? -1) >= options.sizeBytes);
    // exactBytes reads a missing file (-1) as "(missing)".
    ctx.check("lower-untouched", w.bigCopy.checkLower, exactBytes(options.sizeBytes), exactBytes(sizeOf(ctx, `lower/${BIG}`)));
  },
  diagnose(ctx, attempt) {
    const { w, t, options } = ctx;
    const found: string[] = [];
    let next: string | undefined;
    if (sizeOf(ctx, `lower/${BIG}`) !== options.sizeBytes) {
      found.push(w.practice.why.lowerWritten);
      next = t.practice.startAgain(attempt.restart); // only a fresh workspace has the image's file as it was
    }
    const copy = ctx.stat(`upper/${BIG}`);
    if (copy === undefined) {
      const others = [...attempt.added, ...attempt.changed].filter((path) => path.startsWith("upper/") && ctx.stat(path)?.isFile());
      if (others.length > 0)
        found.push(
          w.practice.why.otherFile(
            few(
              ctx,
              others.map((path) => path.slice("upper/".length)),
            ),
          ),
        );
      next ??= w.practice.appendNext;
    } else if (copy.size < options.sizeBytes) {
      // The copy-up has happened, with nothing to copy: it cannot happen again to this file.
      found.push(w.practice.why.truncated(formatBytes(copy.size), formatBytes(options.sizeBytes)));
      next ??= t.practice.startAgain(attempt.restart);
    }
    return { found, next };
  },
};
