// What the container-demo tests share: the image the lesson runs (built here, no registry), the
// containers of ours podman holds, the kernel's overlay mounts, and removal of what a test left.
import { readFileSync } from "node:fs";
import { isOrphaned, OWNER_SELECTOR } from "../../src/runtime/index.js";
import { buildBusyboxBase, buildImage, podman, testName } from "./podman.js";

export const BLOB_BYTES = 1024 * 1024;
/** The image's /etc/os-release, which the lesson appends to: its copy-up hides these bytes. */
export const OS_RELEASE = 'NAME="overlay-lesson test"\nID=oltest\n';
export const OS_RELEASE_BYTES = Buffer.byteLength(OS_RELEASE);
/** A file the image's own last step deletes: the image hides it, not the container. */
export const CACHE_BYTES = 3 * 65536;

/** Containers of overlay-lesson's (by label), with the labels that say whose. */
export function ourContainers(): Array<{ name: string; labels: Record<string, string> }> {
  const output = podman(["ps", "-a", "--filter", `label=${OWNER_SELECTOR}`, "--format", "json"]);
  const records = output.trim() === "" ? [] : (JSON.parse(output) as Array<{ Names?: string[]; Labels?: Record<string, string> }>);
  return records.map((record) => ({ name: record.Names?.[0] ?? "", labels: record.Labels ?? {} }));
}

/** afterAll: the lesson's containers whose lesson process is gone (a test's own runs, never a live one). */
export function removeOrphanedLessonContainers(): void {
  const orphans = ourContainers().filter((container) => isOrphaned(container.labels));
  if (orphans.length > 0) podman(["rm", "-f", "-t", "0", ...orphans.map((container) => container.name)]);
}

/**
 * A busybox base and an image of three layers, as a Dockerfile builds one: the base; a RUN that
 * writes /etc/os-release (what the lesson changes), a 1 MiB /data/blob (what it deletes) and a
 * cache; a RUN that deletes the cache again (the image's own whiteout, which it ships).
 */
export function buildLessonImage(): string {
  const base = testName("cd-base");
  buildBusyboxBase(base);
  const image = testName("cd-image");
  const osRelease = OS_RELEASE.replaceAll("\n", "\\n");
  buildImage(
    image,
    [
      `FROM ${base}`,
      `RUN printf '${osRelease}' > /etc/os-release && mkdir /data && dd if=/dev/zero of=/data/blob bs=64k count=${BLOB_BYTES / 65536} && dd if=/dev/zero of=/data/cache.tar bs=64k count=${CACHE_BYTES / 65536}`,
      "RUN rm /data/cache.tar",
      'CMD ["sleep", "3600"]',
      "",
    ].join("\n"),
  );
  return image;
}

type Event = Record<string, unknown> & { type: string };

/**
 * podman's containers and tagged images, leaving out what other test processes beside us make and
 * remove meanwhile (`ol-test-<their pid>-…`) and the lesson's own containers (checked by name).
 */
export function stableInventory(): { containers: string[]; images: string[] } {
  const foreign = (name: string): boolean => {
    const match = /^(?:localhost\/)?ol-(?:test|bench)-(\d+)-/.exec(name);
    // A build elsewhere (another test's image) commits under a transient "<id>-tmp" name for a moment.
    const building = /^(?:[\w.-]+\/)*[0-9a-f]{64}-tmp:/.test(name);
    return (match !== null && Number(match[1]) !== process.pid) || name.startsWith("overlay-lesson-") || building;
  };
  const lines = (output: string): string[] => output.split("\n").filter((line) => line !== "" && !line.startsWith("<none>"));
  return {
    containers: lines(podman(["ps", "-a", "--format", "{{.Names}}"]))
      .filter((name) => !foreign(name))
      .sort(),
    images: lines(podman(["images", "--format", "{{.Repository}}:{{.Tag}}"]))
      .filter((name) => !foreign(name))
      .sort(),
  };
}

/** The container name in the lesson's `podman run` command, once it has been shown. */
export function lessonContainerName(events: readonly Event[]): string | undefined {
  for (const event of events) {
    const argv = event.argv as string[] | undefined;
    if (event.type === "command" && argv?.[1] === "run") return argv[argv.indexOf("--name") + 1];
  }
  return undefined;
}

/** The upperdir of every overlay mount in our mount namespace. */
export function overlayUppers(): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .filter((line) => line.includes(" - overlay "))
    .map((line) => /upperdir=([^,\s]+)/.exec(line)?.[1] ?? "");
}

/** The container's UpperDir, as podman reports it to a learner (podman inspect's GraphDriver.Data). */
export function upperOf(name: string): string | undefined {
  const result = podman(["container", "inspect", "--format", "{{.GraphDriver.Data.UpperDir}}", name], { allowFailure: true }).trim();
  return result === "" ? undefined : result;
}
