// layers-demo's words in English. The shape of this object is the type every other language
// of this lesson must match key for key, or the build fails.

export const en = {
  title: "Image layers: how docker build stacks them, and why a later RUN rm does not shrink an image",
  files: {
    osRelease: "the base image's release file",
    appV1: "app v1, from the base image",
    appV2: "app v2, copied in by COPY",
    config: "the application's settings, copied in by COPY",
    pkgList: "the package cache of the base image",
  },
  dockerfile: "The Dockerfile this lesson builds, one layer per instruction:",
  from: {
    title: "FROM: the base layer",
    explain:
      "A build starts from a base image. Its layer arrives as a tarball and is unpacked into a directory of its own, diff/, exactly as docker's overlay2 and podman's containers-storage keep every layer. No mount is needed for it: it is just files.",
    checkFiles: "the base layer holds the base image's files",
    checkBig: "lib/libbig.so is there, as big as asked",
    key: "A layer is an ordinary directory. Every later instruction adds one more.",
  },
  copy: {
    title: "COPY: a new layer on top",
    explain:
      "Each instruction runs in a fresh overlay: the layers so far are lowerdir, an empty directory is upperdir, and whatever the instruction changes through merged lands in upper. When it ends, the builder unmounts, and that upper is the new layer. COPY puts the build context's files in; one of them, bin/app, replaces a file of the base.",
    checkLayer: "the new layer holds exactly what COPY wrote",
    checkBaseUnchanged: "the base layer's bin/app is unchanged",
    checkUnmounted: "the build mount is gone: the layer is finished and read-only from now on",
    key: "A layer holds only what its instruction changed: a replaced file is a whole new copy.",
  },
  run: {
    title: "RUN rm: deleting in a later layer",
    explain:
      "This RUN deletes the big library and empties the cache directory. The layers below are read-only, so the kernel can only record the deletions in the new layer: a whiteout for the file, and for the directory removed and made again, an opaque directory that hides everything below it.",
    checkGone: "merged no longer shows lib/libbig.so or the cache's files",
    checkWhiteout: "the layer holds a whiteout for lib/libbig.so: a character device 0:0",
    checkOpaque: (name: string) => `the layer's var/cache/app carries ${name}=y: an opaque directory`,
    checkStillThere: "the base layer still holds lib/libbig.so and the cache: nothing was freed",
    ownReading: "getfattr is not installed here (apt install attr): the lesson reads the xattr itself:",
    key: "Deleting in a later layer adds a whiteout or an opaque directory. The bytes stay in the layer below.",
  },
  container: {
    title: "Run a container: every layer, top first",
    explain:
      "A container mounts all the image's layers as lowerdir, the newest leftmost, plus an empty upper of its own. For each path the kernel shows the leftmost layer that has it: a whiteout hides the name, an opaque directory hides what lies below it.",
    checkOrder: "the kernel's lowerdir lists the layers top first: 3-run, 2-copy, 1-from",
    checkLeftmost: "bin/app in merged is 2-copy's copy: the higher layer wins",
    checkDeleted: "lib/libbig.so is gone from the container",
    checkOpaque: "var/cache/app is empty in the container, though 1-from still has files there",
    checkTopmost: "every file in merged is the topmost layer's copy",
    key: "lowerdir=top:…:bottom, and the leftmost layer that has a name decides what the container sees.",
  },
  hidden: {
    title: "The bloat, measured",
    explain:
      "Add up what the image's layers hold and what the container can see. The difference is hidden bytes: files that a higher layer's whiteout, opaque directory or newer copy hides. Nobody can read them, yet every pull downloads them and every host stores them.",
    layersHold: "the image's layers hold",
    mergedShows: "the container can see",
    hiddenTotal: "hidden, still shipped and stored",
    item: (path: string, size: string, layer: string, how: string) => `${path} — ${size} in ${layer}, ${how}`,
    how: {
      whiteout: (layer: string) => `deleted by a whiteout in ${layer}`,
      opaque: (layer: string, path: string) => `hidden by the opaque directory ${path} in ${layer}`,
      "newer-copy": (layer: string) => `replaced by a newer copy in ${layer}`,
    },
    checkDifference: "what the layers hold minus what the container sees is exactly the hidden bytes",
    checkCauses: "the hidden files are the deleted library, the cache's files and the replaced bin/app",
    key: "RUN rm in a later layer makes an image bigger, never smaller: the deleted bytes stay below.",
  },
  single: {
    title: "The same result in one layer",
    explain:
      "Now build the same image with one RUN that creates everything and removes what it does not need before the layer is finished. A file created and deleted in the same layer never reaches it: there is nothing below to hide, so no whiteout and no opaque directory either.",
    multi: "three layers",
    one: "one layer",
    saved: "smaller by",
    checkSame: "the one-layer image shows the same files as the container of the three-layer image",
    checkNoWhiteouts: "the one layer holds no whiteout and no opaque directory",
    checkSmaller: "the one-layer image is smaller by exactly the hidden bytes",
    fix: "In a Dockerfile: create and delete in the same RUN (`RUN curl … && make && rm -rf /tmp/src`), or build in one stage and COPY --from it only what you ship (a multi-stage build).",
    key: "Only what a layer still holds when its instruction ends is shipped: clean up in the same RUN.",
  },
  practice: {
    runRm: {
      task: "This RUN is yours: through layers/3-run/merged, delete lib/libbig.so, and empty var/cache/app by removing the directory and making it again.",
      hint: "rm layers/3-run/merged/…, rm -rf layers/3-run/merged/…, mkdir layers/3-run/merged/…",
      done: "The new layer holds a whiteout for the file and an opaque directory that hides the base layer's cache.",
    },
    why: {
      belowChanged: (paths: string) =>
        `You changed ${paths}, in a finished layer below: a RUN never changes those. Its changes land in its own layer, 3-run, through layers/3-run/merged.`,
      outside: (paths: string) => `You changed ${paths}, outside this RUN's overlay: its changes go through layers/3-run/merged.`,
      libStill: "lib/libbig.so is still there in layers/3-run/merged.",
      cacheGone:
        "var/cache/app is gone altogether: 3-run holds a whiteout for the directory. Make it again (mkdir): the kernel then marks the new, empty directory opaque.",
      fileByFile:
        "You emptied var/cache/app file by file: each file got a whiteout of its own in 3-run, and the directory is not opaque. Remove the directory itself and make it again: the kernel then marks the new one opaque, and that one mark hides everything below.",
      cacheStill: "var/cache/app in layers/3-run/merged still shows the base layer's files.",
    },
    next: {
      lib: "delete the file: rm layers/3-run/merged/lib/libbig.so",
      mkdir: "make the directory again: mkdir layers/3-run/merged/var/cache/app",
      recreate:
        "remove the directory and make it again: rm -rf layers/3-run/merged/var/cache/app && mkdir layers/3-run/merged/var/cache/app",
    },
  },
};

export type LayersDemoWords = typeof en;
