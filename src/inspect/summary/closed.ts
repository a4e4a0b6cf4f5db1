// The note on system stores that are there and that we may not look into (root's, to an ordinary
// user): on screen and on the host page alike, from the summary's own `closedStores`.
import { formatCount } from "../../i18n/format.js";
import type { ClosedStore } from "../../runtime/index.js";
import type { InspectWords } from "../words/index.js";

type Closed = Pick<ClosedStore, "runtime" | "root" | "needsRoot">;

/** "these 2 stores are there but could not be looked into (not root): podman /var/lib/…, docker /var/lib/docker; …". */
export function closedStoresText(closed: readonly Closed[], words: InspectWords): string {
  const named = closed.map((store) => `${store.runtime} ${store.root}`).join(words.listSeparator);
  // Root is refused only by an LSM: sudo would not help, and the note does not say it would.
  const needsRoot = closed.some((store) => store.needsRoot);
  return words.closedStores(formatCount(closed.length), named, !needsRoot);
}
