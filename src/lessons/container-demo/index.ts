// container-demo's own options, validated before anything is created (exit 2 on bad input);
// then its preflight: a runtime that answers, an image that is here, files in it to use.
import { randomBytes } from "node:crypto";
import { runLesson } from "../../runner/run-lesson.js";
import { isRuntime, lessonRuntimes, type RuntimeName } from "../../runtime/index.js";
import { EXIT_USAGE, ExitError } from "../../sys/errors.js";
import { type LessonModule, practiceStepsOf } from "../catalog.js";
import { en } from "./en.js";
import { ja } from "./ja.js";
import { chooseImage, chooseRuntime } from "./preflight.js";
import type { ContainerOptions } from "./state.js";
import { containerDemo } from "./steps.js";
import { zh } from "./zh.js";

// A reference as docker and podman accept it: [registry[:port]/]path[:tag][@digest].
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const IMAGE_REFERENCE = new RegExp(
  `^(?:[A-Za-z0-9.-]+(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*(?::\\w[\\w.-]{0,127})?(?:@[a-z0-9]+:[a-f0-9]{32,})?$`,
);

/** A runtime that can run, exec in and remove the lesson's container. */
const isLessonRuntime = (value: string): value is RuntimeName => isRuntime(value) && lessonRuntimes().includes(value);

export const prepare: LessonModule["prepare"] = (flags, { lang, mode, asRoot, print }) => {
  const w = { en, zh, ja }[lang];
  const runtime = typeof flags.runtime === "string" ? flags.runtime : undefined;
  if (runtime !== undefined && !isLessonRuntime(runtime)) throw new ExitError(EXIT_USAGE, w.refuse.runtimeValue(runtime));
  const image = typeof flags.image === "string" ? flags.image : undefined;
  if (image !== undefined && !IMAGE_REFERENCE.test(image)) throw new ExitError(EXIT_USAGE, w.refuse.imageValue(image));
  // The runtime's store is root's; a user namespace of the lesson's own (rootless mode) cannot
  // reach it, and rootless podman keeps its overlays where only its own namespace sees them.
  if (mode === "rootless") throw new ExitError(EXIT_USAGE, w.refuse.notRoot(asRoot));
  return async (common) => {
    const chosen = await chooseRuntime(common.t, w, runtime);
    const found = await chooseImage(w, chosen.runtime, image, { json: common.json, print });
    const options: ContainerOptions = {
      runtime: chosen.runtime,
      ...(chosen.skipped !== undefined ? { skipped: chosen.skipped } : {}),
      image: found.image,
      imageLayers: found.layers,
      plan: found.plan,
      name: `overlay-lesson-${randomBytes(4).toString("hex")}`,
      keep: common.keep,
    };
    return runLesson(containerDemo(), common, options);
  };
};

export const practiceSteps: LessonModule["practiceSteps"] = practiceStepsOf(containerDemo());
