// features-demo: the overlay options container engines really mount with, one step each, each
// proven on the kernel with the options in the mount command, and skipped with the kernel's
// reason where this kernel, or rootless mode, cannot have it.
import type { Lesson } from "../../runner/types.js";
import { dataOnlyStack, dataOnlyStep } from "./data-only.js";
import { en, type FeaturesWords } from "./en.js";
import { hardlinksStep } from "./hardlinks.js";
import { ja } from "./ja.js";
import { metacopyStep } from "./metacopy.js";
import { redirectDirStep } from "./redirect-dir.js";
import { volatileStep } from "./volatile.js";
import { xinoStep } from "./xino.js";
import { zh } from "./zh.js";

export const featuresDemo: Lesson<Record<string, never>, FeaturesWords> = {
  id: "features-demo",
  words: { en, zh, ja },
  title: (w) => w.title,
  // One folder per step, each with its image and containers: the summary names the last step's.
  stack: (workspace) => dataOnlyStack(workspace.root),
  steps: [metacopyStep, redirectDirStep, hardlinksStep, volatileStep, xinoStep, dataOnlyStep],
};
