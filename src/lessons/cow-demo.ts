import type { Lesson } from "../runner/types.js";

export interface CowOptions {
  sizeBytes: number;
  trials: number;
  containers: number;
}

export const cowDemo: Lesson<CowOptions> = {
  id: "cow-demo",
  title: (t) => t.mount.title,
  steps: [],
};
