// mount-demo's words in English. The shape of this object is the type every other language
// of this lesson must match key for key, or the build fails.

export const en = {
  files: {
    appConfShipped: "app.conf, shipped in the image",
    appConfChanged: "app.conf, changed in the container",
    mainPy: "hello from the image layer",
    imageLog: "built by: docker build",
    containerData: "written by the container at run time",
  },
  title: "OverlayFS: how image layers become a container's filesystem",
  layers: {
    title: "Make the four directories",
    explain:
      "An overlay mount needs four directories. Docker and Podman make exactly these for every container; here you make them yourself.",
    lower: "the image layer: read-only, shared by every container of the image",
    upper: "the container layer: every change this container makes lands here",
    work: "the kernel's scratch space for atomic copy-ups; must be empty, on upper's filesystem",
    merged: "the container's view: upper laid over lower; the container sees only this",
    checkExist: "all four directories exist and are empty",
    checkSameFs: "upper and work are on the same filesystem",
    key: "lower is the image, upper is the container, merged is what the container sees.",
  },
  fill: {
    title: "Fill lower like an image layer",
    explain: "An image layer is just a directory of files. Put a config file, a program and a log in lower/, as a Dockerfile's COPY would.",
    checkFiles: "lower holds the three files of the image",
    key: "An image layer is an ordinary directory; the container will never change it.",
  },
  mount: {
    title: "Mount the overlay",
    explain:
      "One mount joins the layers: lowerdir is read-only, upperdir takes writes, workdir is scratch. This is the mount a container runtime makes when a container starts.",
    checkType: "the kernel reports an overlay mounted on merged",
    checkLower: "its lowerdir is our lower/",
    checkUpper: "its upperdir is our upper/",
    checkWork: "its workdir is our work/",
    checkMerged: "merged shows exactly lower's files",
    key: "merged is a live view: nothing was copied to make it.",
    rootlessUserxattr:
      "Rootless, findmnt shows userxattr among the options: overlayfs keeps its marks as user.overlay.* xattrs, the only ones a user namespace may write without root.",
    rootlessRedirect:
      "It also shows redirect_dir=nofollow, which nobody asked for: a user can forge user.* xattrs, so the kernel will not follow the redirects a renamed directory leaves (overlay.redirect), nor make any; renaming a directory of lower through merged fails with EXDEV, and mv copies it instead.",
  },
  read: {
    title: "Read through merged",
    explain: "A container reads a file of its image. The kernel serves it straight from lower: nothing is copied.",
    checkContent: "merged shows lower's content",
    checkUpperEmpty: "upper is still empty: a read copies nothing",
    key: "Reads are free: a hundred containers can read one image layer without copying a byte.",
  },
  write: {
    title: "Write through merged: copy-up",
    explain:
      "Now the container changes its config. lower must not change, so on the first write the kernel copies the file up into upper and the write goes to the copy.",
    checkLower: "lower's app.conf is unchanged",
    checkUpper: "upper now holds app.conf with the new content",
    checkMerged: "merged shows the new content",
    parentCopied: "upper/etc/ appeared too: to hold the copy, the kernel first copied up its parent directory.",
    key: "The first write copies the whole file up; lower is never touched.",
  },
  create: {
    title: "Create a new file through merged",
    explain: "A file the image never had goes straight into upper: there is nothing to copy.",
    checkUpper: "container-data.txt is in upper",
    checkLower: "container-data.txt is not in lower",
    checkMerged: "merged shows container-data.txt",
    key: "New files live only in the container layer; they vanish with the container.",
  },
  delete: {
    title: "Delete through merged: a whiteout",
    explain:
      "The container deletes a file of its image. lower cannot change, so the kernel hides the file instead: it puts a whiteout in upper, a character device with device number 0:0.",
    checkMerged: "merged no longer has image-log.txt",
    checkLower: "lower still has image-log.txt",
    checkStat: "stat says upper/image-log.txt is a character device 0:0",
    checkWhiteout: "the kernel's whiteout: character device, rdev 0",
    key: "Deleting from an image layer frees no space: it adds a whiteout that hides the file.",
  },
  summary: {
    title: "What each layer holds now",
    explain: "Look at the layers side by side: everything the container did is in upper; lower is exactly as the image shipped it.",
    checkLowerIntact: "lower is exactly as the image shipped it",
    checkUpperChanges: "upper holds exactly the container's changes",
    takeaways: "Take-aways:",
    t1: "lower never changes: images are shared read-only by every container.",
    t2: "reads copy nothing: merged serves lower's files in place.",
    t3: "the first write copies the whole file up into upper (copy-up).",
    t4: "a delete leaves a whiteout, a character device 0:0, in upper.",
    t5: "merged is upper laid over lower: where both have a path, upper wins.",
    key: "docker diff and podman diff show you exactly this: the contents of upper.",
  },
  practice: {
    mount: {
      task: "Mount the overlay yourself: lower/ as the read-only layer, upper/ for the changes, work/ as the kernel's scratch space, on merged/.",
      hint: "mount -t overlay overlay -o lowerdir=…,upperdir=…,workdir=… <mount point> (relative paths work: the shell starts in the workspace)",
      hintRootless:
        "mount -t overlay overlay -o lowerdir=…,upperdir=…,workdir=…,userxattr <mount point> (rootless: overlay keeps its notes in user.* xattrs; relative paths work)",
      done: "You made the very mount a container runtime makes when a container starts.",
    },
    copyUp: {
      task: "Change a file of the image through merged/: any file of lower, any new content.",
      hint: "echo … >> merged/<a file of lower>, then compare lower/ and upper/ with cat or ls -l",
      done: "The kernel copied the whole file up into upper/ before your write, and lower/ never changed.",
    },
    newFile: {
      task: "Create a new file through merged/, one the image never had.",
      hint: "echo … > merged/<a new name>",
      done: "A new file goes straight into upper/: there was nothing to copy.",
    },
    whiteout: {
      task: "Delete a file of the image through merged/.",
      hint: "rm merged/<a file of lower>, then look at upper/ with ls -l or stat",
      done: "The kernel left a whiteout in upper/, a character device 0:0, and lower/ still holds the file.",
    },
    checkCopied: "a file of lower now has its own copy in upper",
    checkCopyDiffers: "merged shows upper's copy, which differs from lower's",
    checkNew: "a file lower never had is in upper and shows in merged",
    checkDeleted: "a file of lower is hidden by a whiteout in upper, gone from merged, still in lower",
    checkUserxattr: "rootless, the mount keeps overlay's notes in user.* xattrs (-o userxattr)",
    checkLowerKept: (paths: string, count: number) => `lower's ${paths} ${count === 1 ? "is" : "are"} unchanged`,
    checkLowerAll: "lower's files are as the image shipped them",
    checkStillInLower: (paths: string) => `lower still has ${paths}`,
    why: {
      lowerChanged: (paths: string) =>
        `You changed lower/ itself (${paths}): that is the image layer, which a container never writes. A container's writes go through merged/, and the kernel copies the file up into upper/ first.`,
      outside: (paths: string) => `You changed ${paths}, outside the overlay's directories: the container's files are under merged/.`,
      newInsteadOfCopy: (paths: string) =>
        `You created ${paths}, a new file: lower never had it, so it went straight into upper/ (that is the next step). A copy-up happens when you change a file that comes from lower.`,
      deletedInsteadOfCopy: (paths: string) =>
        `You deleted ${paths} through merged/: that leaves a whiteout in upper/ (the step after next), not a copy-up.`,
      dirMade: (paths: string) => `You made the directory ${paths}: the task is about a file.`,
      sameContent: (paths: string) =>
        `upper/ holds a copy of ${paths} with the same content as lower's: touch and chmod copy a file up too, but the task is to change what it holds.`,
      copyInsteadOfNew: (paths: string) =>
        `You changed ${paths}, which comes from lower: that is a copy-up (the step before). A new file is one lower never had.`,
      deletedInsteadOfNew: (paths: string) =>
        `You deleted ${paths} through merged/: that leaves a whiteout (the next step), not a new file.`,
      removedUpperOnly: (paths: string) =>
        `You removed ${paths}, which only upper/ held (the container made it): the kernel simply deleted it. A whiteout is needed only to hide a file that comes from lower.`,
      removedUpperCopy: (paths: string) =>
        `You removed ${paths} in upper/ directly, behind the overlay's back (what merged/ then shows is undefined, says the kernel's documentation): no whiteout was made.`,
      writtenInsteadOfDelete: (paths: string) => `You wrote ${paths}: a whiteout is what a delete through merged/ leaves.`,
      noMountCommand: "None of your commands was a mount: the task is one mount -t overlay command.",
      notMounted: "merged/ is not an overlay mount: if mount printed an error, it is above in your shell.",
      mountedElsewhere: (points: string) => `Your overlay is mounted on ${points}, not on merged/.`,
      swapped:
        "lowerdir names upper/ and upperdir names lower/: they are swapped. lower/ is the read-only image; upper/ takes the container's changes.",
      wrongLayer: (option: string, given: string, wanted: string) => `${option} names ${given}; the task wants ${wanted}.`,
      noUserxattr:
        "Rootless, the mount needs userxattr: without it the kernel cannot keep its whiteouts and opaque directories here, and deleting a directory that comes from lower fails with EIO.",
    },
    next: {
      copy: (file: string, files: string) =>
        `append a line to a file that comes from lower, through merged/: echo … >> merged/${file} (lower holds ${files})`,
      sameContent: (file: string) => `change what it holds: echo … >> merged/${file}`,
      newFile: "create a file under a name lower does not have, through merged/: echo … > merged/<a new name>",
      whiteout: (file: string, files: string) =>
        `delete a file that comes from lower, through merged/: rm merged/${file} (lower holds ${files})`,
      unmountElsewhere: (point: string) => `umount ${point}, then mount the overlay on merged`,
      remount: "umount merged, then mount again with each directory in its place",
      remountUserxattr: "umount merged, then mount again with …,userxattr",
    },
  },
};

export type MountDemoWords = typeof en;
