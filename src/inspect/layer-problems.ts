// What discovery could not make of an overlay's layer paths (overlay/discover.ts keeps it as
// data), in the reader's language: a note of inspect's report, like the notes of its own walk.
import type { LayerProblem } from "../overlay/discover.js";
import type { InspectWords } from "./words/index.js";

/** A target's note: in the reader's words already (a runtime's, a store's), or a problem of discovery. */
export type TargetNote = string | LayerProblem;

export function noteText(note: TargetNote, words: InspectWords): string {
  return typeof note === "string" ? note : layerProblemText(note, words);
}

function layerProblemText(problem: LayerProblem, words: InspectWords): string {
  switch (problem.kind) {
    case "unreadable":
      return words.layerUnreadable(problem.path, problem.code);
    case "not-directory":
      return words.layerNotDirectory(problem.path);
    case "foreign-symlink":
      return words.layerForeignSymlink(problem.path);
    case "link-vanished":
      return words.layerLinkVanished(problem.path, problem.code);
    case "link-outside":
      return words.layerLinkOutside(problem.path, problem.target, problem.store);
    case "link-not-directory":
      return words.layerLinkNotDirectory(problem.path, problem.resolved);
    case "relative-unfound":
      return words.relativeUnfound(problem.paths.join(words.listSeparator));
    case "relative-guess":
      return words.relativeGuess(problem.paths.join(words.listSeparator), problem.base);
    case "upper-unreadable":
      return words.upperUnreadable(problem.path);
  }
}
