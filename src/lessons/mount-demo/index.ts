// mount-demo takes no options of its own.
import { runLesson } from "../../runner/run-lesson.js";
import { type LessonModule, practiceStepsOf } from "../catalog.js";
import { mountDemo } from "./steps.js";

export const prepare: LessonModule["prepare"] = () => (common) => runLesson(mountDemo, common, {});

export const practiceSteps: LessonModule["practiceSteps"] = practiceStepsOf(mountDemo);
