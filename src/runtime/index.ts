// The program's one door to the container runtimes. Everything outside src/runtime imports from
// here and asks the registry for adapters (registry.ts); nothing outside names a runtime.
export type {
  ClosedStore,
  LessonCommands,
  ListContainersOptions,
  PodRef,
  RunContainerOptions,
  RuntimeAdapter,
  RuntimeLifecycle,
  RuntimeSource,
  StoreContents,
  StoredContainer,
  StoredImage,
  StoredLayer,
  StoreLayout,
  StoreOnDisk,
  StoreOwner,
} from "./adapter.js";
export { EXEC_TIMEOUT_MS, QUERY_TIMEOUT_MS, RUN_TIMEOUT_MS, RuntimeError } from "./command.js";
export type { RuntimeProbe, RuntimeState } from "./detect.js";
export { explainProbe, noneAnswersLine, refusalLine } from "./explain.js";
export { containersByUpper, findContainerByUpper, findContainerNamed } from "./find.js";
export { splitLowerDir } from "./graph-driver.js";
export {
  BOOT_ID_LABEL,
  isOrphaned,
  isOurs,
  OWNER_LABEL,
  OWNER_SELECTOR,
  OWNER_VALUE,
  ownerLabels,
  ownerOf,
  PID_LABEL,
  START_TIME_LABEL,
} from "./labels.js";
export { uppersOf, withoutTrailingSlash } from "./live-mounts.js";
export { isInPod, parsePodTarget, podOf } from "./pods.js";
export { classifyRuntimeError, type RuntimeProblem } from "./problems.js";
export {
  adapterFor,
  adapters,
  adaptersOfStores,
  answering,
  drivesOverlays,
  firstAnswering,
  imageRuntimes,
  isRuntime,
  lessonRuntimes,
  lifecycleOf,
  probeRuntimes,
  RUNTIMES,
  type RuntimeChoice,
  type RuntimeName,
  runtimeEnvironment,
  runtimeOwnFiles,
  type StoreKind,
} from "./registry.js";
export { containersInStoreFiles, storedContainerInfo } from "./store-containers.js";
export type { StoreProblem } from "./store-problems.js";
export { classifyStore, closedStoresUnder, type LayerStore, matchLayer, readStores, readStoresUnder, storesUnder } from "./stores.js";
export type {
  ContainerInfo,
  ContainerSummary,
  GraphDriverDirs,
  GraphDriverLayers,
  HistoryEntry,
  ImageInfo,
  ImageSummary,
} from "./types.js";
