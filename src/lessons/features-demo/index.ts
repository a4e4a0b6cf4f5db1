// features-demo takes no options of its own.
import { runLesson } from "../../runner/run-lesson.js";
import { type LessonModule, practiceStepsOf } from "../catalog.js";
import { featuresDemo } from "./lesson.js";

export const prepare: LessonModule["prepare"] = () => (common) => runLesson(featuresDemo, common, {});

export const practiceSteps: LessonModule["practiceSteps"] = practiceStepsOf(featuresDemo);
