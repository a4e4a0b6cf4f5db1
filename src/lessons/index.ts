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
