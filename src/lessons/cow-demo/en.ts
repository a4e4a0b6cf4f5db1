// cow-demo's words in English. The shape of this object is the type every other language
// of this lesson must match key for key, or the build fails.
import { formatCount } from "../../i18n/format.js";

export const en = {
  title: "Copy-on-write: what the first write to a big file really costs",
  noSpace: (size: string, need: string, free: string, parent: string) =>
    `not enough space for --size ${size}: the lesson needs about ${need} (the file, its copy-up and two test files) but ${parent} has ${free} free; use a smaller --size or another --dir`,
  big: {
    title: "A big file in lower",
    explain: (size: string) =>
      `Images often carry big files: a database seed, a model, a log. Put a ${size} file in the image layer, with two small ones beside it.`,
    smallContent: "a small file of the image",
    checkSize: "lower/bigfile.bin has the size asked for",
    key: "The image layer holds the big file once, shared by every container.",
  },
  mount: {
    title: "Mount the overlay",
    explain: "Mount it as a container runtime would, and look at how much each layer holds on disk.",
    checkUpperEmpty: "upper starts empty",
    tmpfs: "Your workspace is on tmpfs, which lives in memory: the times below measure memory, not a disk.",
    cloning: (fs: string) =>
      `upper is on ${fs}, which can clone files: the kernel may copy up by sharing extents instead of copying bytes.`,
    copying: (fs: string) => `upper is on ${fs}: the kernel copies up byte by byte, in 1 MiB chunks, then fsyncs the copy.`,
    du: (upper: string) =>
      `du counts the blocks each layer takes on disk, its directories' own included: upper's ${upper} is the empty directory itself.`,
    key: "A fresh container costs nothing on disk: its upper layer is empty.",
  },
  read: {
    title: "Read the whole big file through merged",
    explain: "md5sum reads every byte through merged. Reading is served from lower, so nothing is copied, however big the file.",
    took: "read took",
    checkUpperEmpty: "upper is still empty after reading every byte",
    key: "Reading a file of any size costs no space in the container layer.",
  },
  small: {
    title: "A small copy-up",
    explain: "Append a line to small.txt through merged. The kernel copies the small file up first: cheap, because it is small.",
    appended: "a line added by the container",
    checkInUpper: "upper now holds small.txt",
    checkSize: "upper's small.txt is the old file plus the new line",
    upperNow: "upper now takes on disk",
    blocks: (total: string, size: string, file: string, dir: string) =>
      `${total}, in whole blocks: small.txt's ${size} take ${file}, upper's own directory ${dir}`,
    key: "Copy-up is per file: touch a small file and only that small file is copied.",
  },
  bigCopy: {
    title: "The big copy-up",
    explain:
      "Append one byte to the big file through merged. The write is tiny, but the kernel must first copy the whole file up, inside the open() of the write. The time below is the whole write, measured from outside.",
    took: "the one-byte write took",
    upperHolds: "upper/bigfile.bin",
    onDisk: "on disk",
    checkApparent: "upper holds a whole copy: the old size plus one byte",
    checkDisk: "the copy really takes the file's size on disk",
    checkLower: "lower's file is unchanged",
    cloned: (fs: string) =>
      `That was near-instant because ${fs} cloned the file's extents (reflink): no bytes were copied until they change.`,
    key: "One byte written cost a copy of the whole file.",
  },
  again: {
    title: "Append again",
    explain: (appends: number) =>
      `Now make the same one-byte write again, ${appends} times, each after a sync like the first. The file is already in upper, so there is nothing to copy: the median of the ${appends} is what the write itself costs.`,
    took: "the same write now takes",
    median: (ms: string, appends: number, fastest: string, slowest: string) => `${ms}, the median of ${appends} (${fastest} to ${slowest})`,
    copyUpCost: "so the copy-up cost",
    throughput: "copy-up throughput, from that cost",
    faster: "faster than the first write",
    fileGrew: "the file grew by",
    upperGrew: "upper's disk use grew by",
    noGrowth: (zero: string) => `${zero} (the new bytes fit in the file's last block)`,
    checkNoSecondCopy: (size: string) => `no second copy: upper's disk use grew by less than 1 MiB, not by another ${size}`,
    checkCheaper: "the write after the copy-up is faster than the first one",
    checkSize: (appends: number) => `the file is ${appends} bytes longer: one per write`,
    key: "Copy-up happens once per file per container; after that writes go straight to upper.",
  },
  disk: {
    title: "What it costs in disk space",
    explain: "Add up the layers. Every container that changes the big file gets its own full copy in its own upper.",
    total: "total",
    shadowed: "in lower, hidden by upper",
    projected: (containers: number) => `${formatCount(containers)} containers that each touch it`,
    checkShadowed: "lower's copy is now hidden: merged shows only upper's",
    checkTwice: "the file now takes twice its size on disk",
    volumes:
      "This is why logs, databases and other big mutable files belong on volumes (docker run -v, podman run -v): a volume is an ordinary directory outside the overlay, with no copy-up and no second copy.",
    key: "Big files that change should live on a volume, not in the image.",
  },
  versus: {
    title: "Direct write vs overlay write",
    explain: (trials: number) =>
      `Is writing a new file through the overlay slower than writing it straight to the same disk? ${trials} alternating run${trials === 1 ? "" : "s"} of each, each fsynced so the page cache cannot hide the disk.`,
    checkWritten: "the write produced a file of the full size",
    checkTrials: "every trial ran",
    direct: "direct",
    overlay: "overlay",
    median: "median",
    noDifference: (trials: number) =>
      `The ranges overlap: over ${trials} run${trials === 1 ? "" : "s"} each there is no measurable difference between writing a new file directly and through the overlay.`,
    overlaySlower: (ratio: string) => `The overlay write was ${ratio}× slower than the direct write (medians, ranges apart).`,
    overlayFaster: (ratio: string) =>
      `The overlay write was ${ratio}× faster than the direct write (medians, ranges apart): noise on this disk, not a property of overlayfs, since new files go straight to upper.`,
    key: "A new file costs the same through the overlay: copy-on-write only costs when an existing file of the image changes.",
  },
  takeaways: {
    title: "Take-aways, measured in this run:",
    read: "reading, even every byte of a big file, copies nothing;",
    copyUp: (size: string, ms: string, cost: string) => `the first write to the ${size} file took ${ms}, of which the copy-up was ${cost};`,
    once: (ms: string, appends: number) => `after that the same write took ${ms} (median of ${appends}): copy-up happens once per file;`,
    space: (containers: number, total: string) => `${formatCount(containers)} containers that each modify it would need ${total} on disk;`,
    volumes: "put big files that change on volumes, not in image layers.",
  },
  practice: {
    bigCopy: {
      task: "Make the container write one byte at the end of the big file through merged/, and time it yourself.",
      hint: "time dd if=/dev/zero of=merged/bigfile.bin bs=1 count=1 oflag=append conv=notrunc (or: time sh -c 'printf x >> merged/bigfile.bin')",
      done: "One tiny write made the kernel copy the whole file into upper/: that is the time you measured.",
    },
    timedByYou: "You timed the copy-up yourself: compare your figure with the time above.",
    why: {
      lowerWritten:
        "You wrote to lower/bigfile.bin, the image layer itself: nothing was copied, and lower/ is not what the image shipped any more. A container writes through merged/.",
      otherFile: (paths: string) => `You changed ${paths}, not bigfile.bin: the copy-up to time is the big file's.`,
      truncated: (held: string, size: string) =>
        `upper/bigfile.bin holds only ${held}: > replaced the file's content, so the kernel had none of its ${size} to copy. >> appends, and then the kernel first copies the whole file up.`,
    },
    checkWhole: "upper holds a whole copy of bigfile.bin: at least the old size",
    appendNext: "append one byte to merged/bigfile.bin and time it: time sh -c 'printf x >> merged/bigfile.bin'",
  },
};

export type CowDemoWords = typeof en;
