// Which stack the layer map draws after each step, and the map itself. A lesson may point it
// at another stack (layers-demo's build mounts, where each instruction adds a layer); the map
// compares its rows layer by layer (layers/map.ts markChanges), so that still marks only changes.
import { join } from "node:path";
import { type DrawnMap, type LayerRow, type MapStack, markChanges, readLayerMap } from "../layers/map.js";
import { isMountPoint } from "../overlay/mountinfo.js";
import type { Workspace } from "../overlay/workspace.js";
import type { LayerView, LessonMode } from "./types.js";

export class LayerMapper {
  view: LayerView = { lower: ["lower"], upper: "upper", merged: "merged" };
  #previous: { view: LayerView; map: DrawnMap } | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly mode: LessonMode,
  ) {}

  /** The map after a step, with the names of its columns. */
  draw(): { layers: LayerRow[]; layerNames: string[]; upperName: string; newStack: boolean } {
    const stack = layerStack(this.workspace, this.view, this.mode);
    const layers = readLayerMap(stack);
    // Before the first step the layers were empty: whatever a step made is new.
    markChanges(layers, stack, this.#previous?.map ?? { rows: [], stack });
    const newStack = this.#previous !== undefined && this.#previous.view !== this.view;
    this.#previous = { view: this.view, map: { rows: layers, stack } };
    return { layers, layerNames: this.view.lower.map(layerName), upperName: layerName(this.view.upper), newStack };
  }
}

/** A layer's name for the map's header: docker's `<layer>/diff` is named by its layer folder. */
export function layerName(path: string): string {
  const parts = path.split("/").filter((part) => part !== "");
  const last = parts.at(-1) ?? path;
  return last === "diff" && parts.length > 1 ? (parts.at(-2) ?? last) : last;
}

/** Read merged only while it is mounted: an unmounted merged/ is just an empty directory. */
function layerStack(workspace: Workspace, view: LayerView, mode: LessonMode): MapStack {
  const at = (relative: string): string => join(workspace.root, relative);
  const stack: MapStack = { lower: view.lower.map(at), upper: at(view.upper), namespace: mode === "rootless" ? "user" : "trusted" };
  if (isMountPoint(at(view.merged))) stack.merged = at(view.merged);
  return stack;
}
