// Which stack the layer map draws after each step, and the map itself. A lesson may point it
// at another stack (layers-demo's build mounts, where each instruction adds a layer): rows are
// then compared layer by layer, by the layer's path, so a row is marked changed only where a
// layer that was shown before differs, or a layer new to the map holds something there.
import { join } from "node:path";
import { type LayerCell, type LayerRow, type LayerStack, readLayerMap, sameCell } from "../layers/map.js";
import { isMountPoint } from "../overlay/mountinfo.js";
import type { Workspace } from "../overlay/workspace.js";
import type { LayerView, LessonMode } from "./types.js";

/** A row's cells by the path of the layer that holds them, and merged's under "". */
function cellsByLayer(row: LayerRow, view: LayerView): Map<string, LayerCell> {
  const cells = new Map<string, LayerCell>([["", row.merged]]);
  view.lower.forEach((layer, index) => {
    cells.set(layer, row.lowers[index] ?? { kind: "absent" });
  });
  cells.set(view.upper, row.upper);
  return cells;
}

export class LayerMapper {
  view: LayerView = { lower: ["lower"], upper: "upper", merged: "merged" };
  #previous: { view: LayerView; rows: Map<string, Map<string, LayerCell>> } | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly mode: LessonMode,
  ) {}

  /** The map after a step, with the names of its columns. */
  draw(): { layers: LayerRow[]; layerNames: string[]; upperName: string; newStack: boolean } {
    const layers = readLayerMap(layerStack(this.workspace, this.view, this.mode));
    // Before the first step the layers were empty: whatever a step made is new.
    const previous = this.#previous?.rows ?? new Map<string, Map<string, LayerCell>>();
    const rows = new Map(layers.map((row) => [row.path, cellsByLayer(row, this.view)]));
    for (const row of layers) {
      const before = previous.get(row.path);
      row.changed = [...(rows.get(row.path) ?? [])].some(([layer, cell]) => {
        const old = before?.get(layer);
        // A layer (or a path) new to the map changes a row only where it holds something.
        return old === undefined ? cell.kind !== "absent" : !sameCell(old, cell);
      });
    }
    const newStack = this.#previous !== undefined && this.#previous.view !== this.view;
    this.#previous = { view: this.view, rows };
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
function layerStack(workspace: Workspace, view: LayerView, mode: LessonMode): LayerStack {
  const at = (relative: string): string => join(workspace.root, relative);
  const stack: LayerStack = { lower: view.lower.map(at), upper: at(view.upper), namespace: mode === "rootless" ? "user" : "trusted" };
  if (isMountPoint(at(view.merged))) stack.merged = at(view.merged);
  return stack;
}
