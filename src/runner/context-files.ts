// What a step does and reads in-process: writes shown as the shell a learner would type, and
// reads of what the kernel now shows (files, xattrs, the mount table), none of them following a
// symlink. Lessons read through here, never through fs, mountinfo or xattr calls of their own.
import { appendFile, lstatSync, mkdir, readdirSync, readFileSync, unlink, writeFile } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { discoverOverlays } from "../overlay/discover.js";
import { overlayLayers, parseSuperOptions, readMountInfo } from "../overlay/mountinfo.js";
import { readOverlayXattrs, readXattr, writeXattr } from "../overlay/xattr.js";
import { shellQuote } from "../sys/exec.js";
import type { StepScope } from "./context.js";
import type { LessonContext, MountSeen } from "./types.js";

const writeFileAsync = promisify(writeFile);
const appendFileAsync = promisify(appendFile);
const mkdirAsync = promisify(mkdir);
const unlinkAsync = promisify(unlink);

export type StepWrites = Pick<LessonContext, "writeFile" | "setXattr" | "mkdir" | "remove">;

export function stepWrites({ deps, stepId, ensureRunning }: StepScope): StepWrites {
  const { reporter, workspace } = deps;
  const at = (relativePath: string): string => join(workspace.root, relativePath);
  return {
    async writeFile(relativePath, content, mode = "write") {
      ensureRunning();
      reporter.action(stepId, `cat ${mode === "append" ? ">>" : ">"} ${shellQuote([relativePath])} <<'EOF'`, content);
      if (mode === "append") await appendFileAsync(at(relativePath), content);
      else await writeFileAsync(at(relativePath), content);
    },
    async setXattr(relativePath, name, value) {
      ensureRunning();
      const valueArgs = value === "" ? [] : ["-v", value];
      reporter.action(stepId, shellQuote(["setfattr", "-n", name, ...valueArgs, relativePath]));
      writeXattr(at(relativePath), name, value);
    },
    async mkdir(...relativePaths) {
      ensureRunning();
      reporter.action(stepId, `mkdir -p ${shellQuote(relativePaths)}`);
      for (const relativePath of relativePaths) await mkdirAsync(at(relativePath), { recursive: true });
    },
    async remove(relativePath) {
      ensureRunning();
      reporter.action(stepId, `rm ${shellQuote([relativePath])}`);
      await unlinkAsync(at(relativePath));
    },
  };
}

export type StepReads = Pick<
  LessonContext,
  "entries" | "read" | "stat" | "files" | "overlayXattrs" | "xattr" | "mountAt" | "mounts" | "overlays" | "path"
>;

/** A read that finds nothing (the path is not there, or not a directory) is undefined, never an error. */
function orUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

export function stepReads(root: string, xattrNamespace: LessonContext["xattrNamespace"]): StepReads {
  const at = (relativePath: string): string => join(root, relativePath);
  return {
    entries: (relativePath) => orUndefined(() => readdirSync(at(relativePath)).sort()),
    read: (relativePath) => orUndefined(() => readFileSync(at(relativePath), "utf8")),
    stat: (relativePath) => orUndefined(() => lstatSync(at(relativePath))),
    files(relativePath) {
      const found: string[] = [];
      const visit = (prefix: string): void => {
        for (const name of readdirSync(join(root, relativePath, prefix)).sort()) {
          const child = prefix === "" ? name : `${prefix}/${name}`;
          if (lstatSync(join(root, relativePath, child)).isDirectory()) visit(child);
          else found.push(child);
        }
      };
      visit("");
      return found;
    },
    overlayXattrs: (relativePath) => readOverlayXattrs(at(relativePath), xattrNamespace),
    xattr: (relativePath, name) => readXattr(at(relativePath), name),
    mountAt(path) {
      const point = resolve(root, path);
      return mountsSeen().findLast((mount) => mount.mountPoint === point);
    },
    mounts: mountsSeen,
    overlays: () => discoverOverlays().overlays,
    path: at,
  };
}

/** The mount table as this process sees it now, each mount's options parsed. */
function mountsSeen(): MountSeen[] {
  return readMountInfo().map((entry) => ({
    mountPoint: entry.mountPoint,
    fsType: entry.fsType,
    options: parseSuperOptions(entry.superOptions),
    layers: overlayLayers(entry),
  }));
}
