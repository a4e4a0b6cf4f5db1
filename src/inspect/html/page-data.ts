// What the CLI hands the page: the very --json document(s) of the run, whose figures the page
// shows as they are, and beside them the treemap's tree (tree-data.ts), which --json does not
// carry. One kind of page per command: an image (inspect --image), a container's or mount's
// overlays (inspect TARGET), and the host (inspect --summary), whose treemap is drawn from the
// summary's own per-layer figures (summary/layer-map.ts: no layer is walked again for the page).
import type { Lang } from "../../i18n/index.js";
import type { Change } from "../../layers/changes.js";
import type { JsonImageReport } from "../image/json.js";
import type { JsonHidden, JsonLayer } from "../json.js";
import type { HostLayerMap } from "../summary/layer-map.js";
import type { HostSummary } from "../summary/model.js";
import type { TreeData } from "./tree-data.js";

/** One line of `inspect TARGET --json`, as README's `inspect --json` section documents it. */
export interface JsonMountDocument {
  mountPoint: string | null;
  container: { runtime: string; id: string; name: string } | null;
  changes: Change[];
  layers: JsonLayer[];
  upper: { dir: string; bytes: number } | null;
  imageHiddenBytes: number;
  containerHiddenBytes: number;
  hidden: JsonHidden[];
  notes: string[];
}

interface PageBase {
  lang: Lang;
  /** "overlay-lesson 0.1.0". */
  program: string;
  /** When the report was made, ISO 8601. */
  madeAt: string;
}

export interface ImagePage extends PageBase {
  kind: "image";
  json: JsonImageReport;
  tree: TreeData;
  /** How many hidden groups there are in all (json.hidden lists the largest --top of them). */
  hiddenGroups: number;
}

export interface MountSection {
  json: JsonMountDocument;
  tree: TreeData;
  /** The store the overlay belongs to (docker-overlay2, containers-storage, containerd, plain). */
  store: string;
  /** The image the container was made from, when a runtime named it. */
  image: string | null;
  hiddenGroups: number;
  /** How many changes there are in all: json.changes keeps at most the first MAX_PAGE_CHANGES. */
  changes: number;
}

export interface MountPage extends PageBase {
  kind: "mount";
  mounts: MountSection[];
}

export interface HostPage extends PageBase {
  kind: "host";
  /** The very object `inspect --summary --json` prints. */
  json: HostSummary;
  /** Who holds each layer the summary counted, with its figures: what the treemap draws. */
  layerMap: HostLayerMap;
}

export type PageData = ImagePage | MountPage | HostPage;

/** A container may have changed millions of paths: the page keeps the first ones (--json has them all). */
export const MAX_PAGE_CHANGES = 5000;
