// Why a try at layers-demo's RUN failed, from its layer (3-run's diff) as the kernel left it and
// what the try changed: a finished layer changed by hand, the library still there, the cache
// emptied file by file (whiteouts, no opaque directory) or removed and not made again.
import { isWhiteout } from "../../layers/entry.js";
import type { Diagnosis, LessonContext, PracticeAttempt } from "../../runner/types.js";
import { few, leaves } from "../observe.js";
import type { LayersDemoWords } from "./en.js";
import { BIG, CACHE, COPY, FROM, RUN } from "./image.js";

type Ctx = LessonContext<Record<string, never>, LayersDemoWords>;

export function diagnoseRunRm(ctx: Ctx, attempt: PracticeAttempt): Diagnosis {
  const { w, t } = ctx;
  const why = w.practice.why;
  const found: string[] = [];
  const next: string[] = [];
  const touched = leaves([...attempt.added, ...attempt.removed, ...attempt.changed]);
  const below = touched.filter((path) => [FROM, COPY].some((layer) => path.startsWith(`${layer.diff}/`)));
  if (below.length > 0) {
    found.push(why.belowChanged(few(ctx, below)));
    next.push(t.practice.startAgain(attempt.restart)); // a finished layer cannot be rebuilt from here
  }
  const outside = touched.filter((path) => !path.startsWith("layers/"));
  if (outside.length > 0) found.push(why.outside(few(ctx, outside)));

  if (ctx.stat(`${RUN.merged}/${BIG}`) !== undefined) {
    found.push(why.libStill);
    next.push(w.practice.next.lib);
  }
  const cache = ctx.stat(`${RUN.diff}/${CACHE}`);
  const opaque = cache?.isDirectory() === true && ctx.overlayXattrs(`${RUN.diff}/${CACHE}`).opaque === "y";
  if (cache !== undefined && isWhiteout(cache)) {
    found.push(why.cacheGone);
    next.push(w.practice.next.mkdir);
  } else if (!opaque) {
    const whiteouts = (ctx.entries(`${RUN.diff}/${CACHE}`) ?? []).filter((name) => {
      const stats = ctx.stat(`${RUN.diff}/${CACHE}/${name}`);
      return stats !== undefined && isWhiteout(stats);
    });
    found.push(whiteouts.length > 0 ? why.fileByFile : why.cacheStill);
    next.push(w.practice.next.recreate);
  }
  return { found, next: next[0] };
}
