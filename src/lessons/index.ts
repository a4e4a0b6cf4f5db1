// The list of lessons, in the order a course takes them. Adding a lesson is a new folder and
// one line here.
import type { LessonMeta } from "./catalog.js";
import { containerDemoMeta } from "./container-demo/meta.js";
import { cowDemoMeta } from "./cow-demo/meta.js";
import { featuresDemoMeta } from "./features-demo/meta.js";
import { layersDemoMeta } from "./layers-demo/meta.js";
import { mountDemoMeta } from "./mount-demo/meta.js";

export const LESSONS: readonly LessonMeta[] = [mountDemoMeta, cowDemoMeta, layersDemoMeta, containerDemoMeta, featuresDemoMeta];

export function findLesson(id: string): LessonMeta | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}

/**
 * The CLI's commands beside the lessons, in the order --help lists them: an unknown command's
 * line names them all (cli.ts builds exactly these; a unit test holds it to that). Kept here, in
 * the module --help already loads, rather than in a file of its own.
 */
export const OTHER_COMMANDS = ["cleanup", "doctor", "list", "inspect", "help"] as const;
