// container-demo's words in English. The shape of this object is the type every other language
// of this lesson must match key for key, or the build fails.
import { formatCount } from "../../i18n/format.js";

export const en = {
  title: "A real container: its layers, its writes and its whiteouts, on docker or podman",
  refuse: {
    notRoot: (sudo: string) =>
      `container-demo reads the container runtime's own layers, which only root may read: run it as root (${sudo})`,
    runtimeValue: (value: string) => `--runtime ${value}: choose docker or podman`,
    imageValue: (value: string) =>
      `--image ${JSON.stringify(value)}: not an image name (like alpine, nginx:alpine or ghcr.io/team/app:1.2)`,
    notOverlay: (runtime: string, driver: string) =>
      `${runtime} keeps its containers with the ${driver || "unknown"} storage driver, not overlay: this lesson reads overlay layers (choose another --runtime)`,
    image: (image: string, runtime: string, detail: string, local: string) =>
      `--image ${image}: ${runtime} cannot find or pull it (${detail}). Images here: ${local}. Choose one with --image IMAGE`,
    noLocal: "none",
    listSeparator: ", ",
    noFiles: (image: string) =>
      `--image ${image}: the image has no regular file outside /bin and /lib for the lesson to change and delete: choose another --image`,
  },
  using: (runtime: string, image: string) => `Runtime: ${runtime} · image: ${image}`,
  fallback: (runtime: string, other: string) => `${other} does not answer here, so the lesson uses ${runtime}.`,
  pulling: (image: string, runtime: string) => `${image} is not here yet: ${runtime} pulls it…`,
  /** An image layer by its place in the build, as a Dockerfile reads: layer 1 is the base, the last is the top. */
  layerName: (number: number, total: number) =>
    `layer ${number} of ${total}${total > 1 && number === total ? " (top)" : total > 1 && number === 1 ? " (base)" : ""}`,
  start: {
    title: "Start a container",
    explain:
      "The course's lab starts with `docker run -d`. The lesson does the same, with a name of its own and labels that say which process started it, so that nothing it starts can outlive it: if this process dies, `overlay-lesson cleanup` finds the container by its labels and removes it. The container just sleeps; everything the lesson does to it comes through `exec`.",
    checkRunning: "the container is running",
    checkLabels: "it carries the lesson's labels: this process started it",
    key: "A container is a process plus a root filesystem: the runtime makes that filesystem an overlay mount.",
  },
  graph: {
    title: "GraphDriver: where the container's files live, and the very same mount in the kernel",
    explain:
      "The runtime reports the container's layers as its GraphDriver: LowerDir (the image's layers, top first), UpperDir (the container's own writable layer), WorkDir and MergedDir (the root filesystem the container sees). These are not a story the runtime tells: they are the options of a real overlay mount, which the kernel lists in mountinfo.",
    links:
      "The kernel lists the lower layers by short links (l/…): the mount options must fit in one page, and 64-character layer ids would soon overflow it. Each link points to a layer's diff directory:",
    otherNamespace: (pid: number) => `The mount is not in this process's mount namespace: it was found in the namespace of process ${pid}.`,
    checkFound: "the kernel has an overlay mount with the container's UpperDir",
    checkLower: "its lowerdir, the links resolved, is GraphDriver's LowerDir, in the same order",
    checkUpper: "its upperdir is GraphDriver's UpperDir",
    checkWork: "its workdir is GraphDriver's WorkDir",
    checkMerged: "it is mounted on GraphDriver's MergedDir",
    key: "GraphDriver is the overlay mount: lowerdir = the image's layers, upperdir = the container's layer.",
  },
  layers: {
    title: "The image's layers",
    explain:
      "Each lower layer is one layer of the image, unpacked into a directory of its own and shared by every container of the image, read-only. They are the lower/ of mount-demo, made by a build like the one of layers-demo: one layer per instruction that changed files.",
    extra: (count: number) =>
      `The runtime adds ${count} layer${count === 1 ? "" : "s"} of its own above the image's (docker's -init layer: /etc/hosts, /etc/resolv.conf, /.dockerenv).`,
    historySize: (runtime: string) =>
      `${runtime} history's SIZE is each layer as the runtime counts it, in decimal units (1 MB = 1,000,000 B; podman counts the layer's tar, every entry's 512-byte header included). Below, the lesson counts the layer's regular files' bytes, in binary units (1 MiB = 1,048,576 B): the figures differ, the layers are the same.`,
    order: "The layers in build order, as a Dockerfile reads: layer 1 is the base, the last one the top (the leftmost in lowerdir).",
    files: (bytes: string, files: number) => `${bytes} in ${formatCount(files)} file${files === 1 ? "" : "s"}`,
    plan: "The lesson will change and delete these image files:",
    change: "to change",
    remove: "to delete",
    planned: (path: string, size: string, layer: string) => `${path}: ${size}, in ${layer}`,
    checkImage: "the container's lower layers are the image's layers, top first",
    checkMerged: "every file the container sees is the topmost layer's copy, byte for byte in size",
    key: "Every container of an image shares its layers: they are never written, so one copy on disk serves them all.",
  },
  write: {
    title: "exec: a new file, and a change to an image file",
    explain:
      "Write a new file inside the container, and append a line to a file that comes from the image. Both writes go to the one writable layer, UpperDir. The image file is first copied up, whole, into UpperDir, and the change is made to that copy; the image's layer is never touched.",
    checkNew: "the new file is in UpperDir, and in no image layer",
    checkCopyUp: "UpperDir holds the changed file: the image's copy plus the new line (a copy-up)",
    checkUntouched: "the image layer's copy is unchanged: same size, same md5",
    key: "Writes go to UpperDir; changing an image file copies the whole file up first.",
  },
  delete: {
    title: "exec rm: a whiteout, and no space freed",
    explain:
      "Delete a file that comes from the image. The image's layer is read-only, so the kernel records the deletion in UpperDir as a whiteout: a character device 0:0 with the file's name. The container no longer sees the file, but its bytes are still in the image's layer: deleting in a container frees nothing.",
    checkGone: "the container no longer sees the file",
    checkWhiteout: "UpperDir holds a whiteout for it: a character device 0:0",
    checkLayerKeeps: "the image layer still holds the file, every byte",
    checkDu: "du of the image layer is the same as before the rm",
    checkHidden: "the container's whiteout hides the deleted file's bytes",
    duBefore: "du -sb before the rm",
    duAfter: "du -sb after the rm",
    duOf: (bytes: string, layer: string) => `${bytes} in ${layer}`,
    whiteoutHides: "the whiteout hides",
    whiteoutHidesWhat: (size: string, path: string, layer: string) => `${size}: ${path} in ${layer}`,
    containerHides: "the container hides so far",
    hidesParts: (whiteout: string, copyUps: string) => `${whiteout} under its whiteout + ${copyUps} under its copy-ups`,
    key: "rm in a container adds a whiteout; the bytes stay in the image layer.",
  },
  usage: {
    title: "Where the disk goes: du of UpperDir, and inspect's view",
    explain:
      "On a host whose disk is filling up, the question is which container wrote what, and what its image carries that nobody sees. du of an UpperDir is what a container has written; `diff` lists its changes; the stack reader adds up every layer and the bytes each one hides.",
    upper: "the container's UpperDir",
    runtimeLayer: "the runtime's own layer (-init)",
    imageHidden: "hidden by the image itself (its later layers)",
    containerHidden: "hidden by the container (its copy-ups and whiteouts)",
    psSize: (runtime: string, files: string, links: string, sum: string) =>
      `${runtime} ps --size counts what UpperDir's files and links hold, not its directories, in decimal units (1 kB = 1,000 B): ${files} + ${links} = ${sum}. Its "virtual" figure adds the image's layers, counted the runtime's way.`,
    whoHid: "Who hides what, file by file:",
    item: (path: string, size: string, layer: string, how: string) => `${path} — ${size} in ${layer}, ${how}`,
    byImage: {
      whiteout: (layer: string) => `deleted by the image itself: a later build step (RUN rm) left a whiteout in ${layer}`,
      opaque: (layer: string) => `hidden by the image itself: a later build step (RUN rm -r) left an opaque directory in ${layer}`,
      "newer-copy": (layer: string) => `replaced by the image itself: a later build step wrote a newer copy in ${layer}`,
    },
    byContainer: {
      whiteout: "deleted by the container: a whiteout in its UpperDir",
      opaque: "hidden by the container: an opaque directory in its UpperDir",
      "newer-copy": "replaced by the container: its copy-up in UpperDir",
    },
    inspect: (command: string) =>
      `\`${command}\` shows this for any container on the host, and \`overlay-lesson inspect\` for every overlay at once.`,
    checkDiff: "the runtime's diff lists the new file (A), the changed file (C) and the deleted one (D)",
    checkUpper: "UpperDir holds exactly the new file and the copied-up file",
    checkHidden: "the container hides exactly the image's copies of the changed and the deleted file",
    checkAddsUp: "what merged shows adds up: every layer, plus UpperDir, minus the hidden bytes",
    key: "A container's disk use is its UpperDir; an image's waste is its hidden bytes. du, diff and inspect show both.",
  },
  remove: {
    title: "Remove the container: its layer and its mount go with it",
    explain:
      "Removing the container unmounts its overlay and deletes its UpperDir: the new file, the copy-up and the whiteout are gone. The image's layers stay, for the next container.",
    kept: "Kept (--keep): the container still runs. To look at it, then remove it:",
    checkGone: "the runtime no longer knows the container",
    checkUnmounted: "the kernel's mountinfo no longer has its overlay",
    checkUpperGone: "its UpperDir is deleted",
    checkImageStays: "the image layer still holds the file the container deleted",
    checkKept: "the container is still running, its overlay mounted",
    key: "A container's writes live only as long as the container: keep data in volumes, not in UpperDir.",
  },
  practice: {
    writeTask: (name: string, create: string, change: string) =>
      `In container ${name}, create the file ${create}, and append a line to the image file ${change}. Then find both in UpperDir.`,
    writeHint: (runtime: string) => `${runtime} exec NAME sh -c 'echo … > NEW-FILE', then sh -c 'echo … >> IMAGE-FILE'; ls -l UPPERDIR`,
    writeDone: "You wrote through the container's overlay: a new file and a copy-up in UpperDir.",
    deleteTask: (name: string, remove: string) =>
      `In container ${name}, delete the image file ${remove}, then find what UpperDir holds for it.`,
    deleteHint: (runtime: string) => `${runtime} exec NAME rm FILE, then stat -c '%F %t:%T' UPPERDIR/FILE`,
    deleteDone: "You deleted an image file: a whiteout in UpperDir, the bytes still in the image layer.",
    why: {
      otherNew: (paths: string, wanted: string) =>
        `You created ${paths}; the new file this lesson follows is ${wanted} (its later steps measure it): create that one.`,
      missingNew: (wanted: string) => `UpperDir has no ${wanted}: the new file was not made in the container.`,
      otherChanged: (paths: string, wanted: string) =>
        `You changed ${paths}; the image file this lesson follows is ${wanted}: append a line to it.`,
      missingChange: (wanted: string) => `UpperDir has no copy of ${wanted}: the image file was not changed in the container.`,
      replaced: (path: string) =>
        `UpperDir's ${path} is smaller than the image's copy: > replaced the content, where >> appends to the image's bytes. The copy-up has happened, and cannot happen again in this container.`,
      notAppended: (path: string) => `UpperDir's ${path} is the image's copy, copied up, with nothing appended to it.`,
      layerTouched: (path: string) =>
        `The image layer's own ${path} changed: it was written on the host, in the layer itself, and every container of the image sees that now. A container writes only through its overlay (exec).`,
      otherRemoved: (paths: string, wanted: string) =>
        `You deleted ${paths}; the image file this lesson follows is ${wanted}: delete that one.`,
      removedOwn: (paths: string) =>
        `You deleted ${paths}, which only UpperDir held (the container made it): the kernel simply removed it, with no whiteout.`,
      stillThere: (wanted: string) => `The container still sees ${wanted}.`,
    },
    writeNext: (runtime: string, name: string, create: string, change: string) =>
      `run in the container: ${runtime} exec ${name} sh -c 'echo … > ${create}; echo … >> ${change}'`,
    deleteNext: (runtime: string, name: string, remove: string) => `run in the container: ${runtime} exec ${name} rm ${remove}`,
  },
};

export type ContainerDemoWords = typeof en;
