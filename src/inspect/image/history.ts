// Which build step made which layer. The history lists every step, oldest first, including the
// ones that made no layer (CMD, ENV, LABEL, …); the layers on disk are only those that did. So
// the steps that made a layer, newest first, line up with the layers, top first.
//
// Podman says exactly which steps made no layer (the image config's `empty_layer`, read by
// runtime/images.ts); docker's CLI does not, and a step of 0 bytes there may be either (a
// `RUN mkdir /x` layer is 0 B too). For those the layer count decides: if the unknown steps and
// the known layers add up to it, they are all layers; else the ones that read like metadata
// (`#(nop) CMD`, BuildKit's bare `ENV …`) are taken as empty. If nothing adds up, steps and layers
// are matched from the top (the newest step and the top layer are surely each other's) and a
// note says how many could not be.
import type { HistoryEntry } from "../../runtime/index.js";

export interface LayerSteps {
  /** Per layer, top first: the step that made it, or undefined when the history cannot say. */
  steps: Array<HistoryEntry | undefined>;
  /** The steps that made no layer, oldest first. */
  emptySteps: HistoryEntry[];
  /** The number of layers and of layer-making steps, when they differ. */
  mismatch: { layers: number; steps: number } | undefined;
}

const METADATA =
  /^(?:(?:\|\d+ .*?)?\/bin\/sh -c #\(nop\)\s*)?(?:CMD|ENV|LABEL|EXPOSE|ENTRYPOINT|USER|WORKDIR|ARG|VOLUME|STOPSIGNAL|HEALTHCHECK|SHELL|ONBUILD|MAINTAINER)\b/;

/** A step that, by its words, changes only the image's config (for runtimes that do not say). */
export function looksLikeMetadata(createdBy: string): boolean {
  return METADATA.test(createdBy.trim());
}

// Ways to tell a layer-making step, from the most trusting of unknown steps to the least.
const everyUnknown = (step: HistoryEntry): boolean => step.emptyLayer !== true;
const unknownUnlessMetadata = (step: HistoryEntry): boolean =>
  step.emptyLayer === false || (step.emptyLayer === undefined && !looksLikeMetadata(step.createdBy));
const onlyKnown = (step: HistoryEntry): boolean => step.emptyLayer === false;

export function matchSteps(layerCount: number, history: readonly HistoryEntry[]): LayerSteps {
  const makesLayer =
    [everyUnknown, unknownUnlessMetadata, onlyKnown].find((rule) => history.filter(rule).length === layerCount) ?? unknownUnlessMetadata;
  const layerSteps = history.filter(makesLayer).reverse();
  const emptySteps = history.filter((step) => !makesLayer(step));
  return {
    steps: Array.from({ length: layerCount }, (_, layer) => layerSteps[layer]),
    emptySteps,
    mismatch: layerSteps.length === layerCount ? undefined : { layers: layerCount, steps: layerSteps.length },
  };
}

const HASH = /\b((?:sha256|file|dir|multi):)?([0-9a-f]{12})[0-9a-f]{52}\b/g;

/**
 * A step as its Containerfile line would read: `RUN rm -rf /x` for "/bin/sh -c rm -rf /x",
 * `COPY file:4497a0989305 in /etc/x` for "/bin/sh -c #(nop) COPY file:<64 hex> in /etc/x ",
 * BuildKit's "RUN /bin/sh -c … # buildkit" likewise; long hashes cut to 12, whitespace folded.
 */
export function instruction(createdBy: string): string {
  let text = createdBy
    .replace(/\s+/g, " ")
    .trim()
    .replace(/ # buildkit$/, "");
  // ARG values a RUN saw: "|2 A=1 B=2 /bin/sh -c …".
  text = text.replace(/^\|\d+ .*?(?=\/bin\/sh -c )/, "");
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(text);
  if (nop !== null) text = text.slice(nop[0].length);
  else if (text.startsWith("/bin/sh -c ")) text = `RUN ${text.slice("/bin/sh -c ".length)}`;
  else text = text.replace(/^RUN \/bin\/sh -c /, "RUN ");
  return text.replace(HASH, (_, prefix: string | undefined, start: string) => `${prefix ?? ""}${start}`);
}

/** instruction(), cut to `max` characters with an ellipsis. */
export function shortInstruction(createdBy: string, max = 60): string {
  const text = instruction(createdBy);
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The instruction's keyword (ENV, CMD, …), for naming the steps that made no layer. */
export function keyword(createdBy: string): string {
  return instruction(createdBy).split(" ")[0] ?? "";
}
