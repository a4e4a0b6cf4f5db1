// What a store's own files could not tell, kept as data: inspect puts each in the reader's words
// (inspect/store-problems.ts), on screen, on the page and in --json, where a program reads `kind`.
export type StoreProblem =
  /** A metadata file or directory could not be read (errno code). */
  | { kind: "unreadable"; path: string; code: string }
  | { kind: "symlink"; path: string }
  | { kind: "too-big"; path: string; limit: number }
  | { kind: "not-a-file"; path: string }
  | { kind: "not-json"; path: string; error: string }
  | { kind: "not-json-array"; path: string }
  | { kind: "not-json-object"; path: string }
  /** A layer an image or container names is not in the store's list of layers (`list`). */
  | { kind: "no-layer"; list: string; layer: string }
  | { kind: "not-layer-id"; path: string; value?: string }
  | { kind: "container-without-layer"; container: string; list: string }
  | { kind: "container-layer-gone"; container: string; layer: string }
  | { kind: "container-other-driver"; container: string; driver: string; home: string }
  /** A running containerd task whose bundle we may not read (not root). */
  | { kind: "bundle-unreadable"; mountPoint: string }
  /** containerd's database is not read: without its daemon, images and stopped containers are unknown. */
  | { kind: "daemon-silent"; address: string; state: string; database: string }
  | { kind: "daemon-elsewhere"; address: string; snapshots: string | null; database: string }
  | { kind: "daemon-stopped"; error: string; database: string };
