// The program's one door to docker and podman. Everything outside src/runtime imports from
// here; everything in here runs the CLIs through sys/exec.ts.
export { EXEC_TIMEOUT_MS, QUERY_TIMEOUT_MS, RUN_TIMEOUT_MS, RuntimeError } from "./command.js";
export { findContainerByUpper, inspectContainer, inspectContainers, type ListContainersOptions, listContainers } from "./containers.js";
export { detectRuntimes, probeRuntime, type RuntimeProbe, type RuntimeState, usableRuntimes } from "./detect.js";
export { explainProbe, refusalLine } from "./explain.js";
export { splitLowerDir } from "./graph-driver.js";
export { imageHistory, inspectImage, listImages } from "./images.js";
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
export { execInContainer, type RunContainerOptions, removeContainer, removeContainerSync, runContainer } from "./lifecycle.js";
export { classifyRuntimeError, type RuntimeProblem } from "./problems.js";
export type {
  ContainerInfo,
  ContainerSummary,
  GraphDriverDirs,
  HistoryEntry,
  ImageInfo,
  ImageSummary,
  LayerStack,
  RuntimeName,
} from "./types.js";
export { RUNTIMES } from "./types.js";
