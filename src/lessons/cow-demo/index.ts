// cow-demo's own options, validated before anything is created (exit 2 on bad input).
import { integerOption, sizeOption } from "../../commands/options.js";
import { runLesson } from "../../runner/run-lesson.js";
import { type LessonModule, practiceStepsOf } from "../catalog.js";
import { type CowOptions, cowDemo } from "./steps.js";

const text = (value: string | boolean | undefined, fallback: string): string => (typeof value === "string" ? value : fallback);

export const prepare: LessonModule["prepare"] = (flags, { t }) => {
  const options: CowOptions = {
    sizeBytes: sizeOption(t, text(flags.size, "50M")),
    trials: integerOption(t, "--trials", text(flags.trials, "5"), 1, 50),
    containers: integerOption(t, "--containers", text(flags.containers, "10"), 1, 1000),
  };
  return (common) => runLesson(cowDemo, common, options);
};

export const practiceSteps: LessonModule["practiceSteps"] = practiceStepsOf(cowDemo);
