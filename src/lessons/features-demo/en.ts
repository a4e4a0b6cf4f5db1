// features-demo's words in English. The shape of this object is the type every other language
// of this lesson must match key for key, or the build fails.

export const en = {
  title: "The options container engines mount with: metacopy, redirect_dir, index, volatile, xino, data-only layers",
  common: {
    checkApplied: (option: string) => `the kernel applies ${option} to this mount (findmnt shows it)`,
    ownReading: "getfattr is not installed here (apt install attr): the lesson reads the xattr itself:",
    noXattr: "(none)",
    mapShows: (mount: string) => `The layer map below shows the container mounted with ${mount}.`,
  },
  skip: {
    userxattr: (option: string, hostRoot: boolean) =>
      `rootless, the overlay is mounted with userxattr, and the kernel refuses ${option} beside it ("conflicting options"): a user who may write user.* xattrs could forge where a file's data or a directory comes from. ${hostRoot ? "Run the lesson without --rootless" : "Run the lesson with sudo"} to see this step.`,
    refused: (option: string, said: string) => `this kernel refused ${option}: ${said}`,
    notApplied: (option: string, why: string) => `the kernel mounted the overlay without ${option} (findmnt does not show it): ${why}`,
    noReason: "its log (dmesg, as root) says why",
  },
  metacopy: {
    title: "metacopy: chown without copying data",
    explain:
      "Podman on Fedora and RHEL mounts every container with metacopy=on (storage.conf: mountopt = \"nodev,metacopy=on\"); docker's overlay2 does not ask for it. Change the owner of an image's files through merged, in two containers of the same image: without metacopy the kernel copies each file up whole before it changes the owner; with metacopy=on it copies up the metadata only, and the data stays in the image layer until something writes to it.",
    appConf: "the application's settings",
    redirectToo:
      "findmnt shows redirect_dir=on as well: a metadata-only file finds its data in the layer below through a redirect, so the kernel turns redirects on with metacopy.",
    checkFullCopy: "metacopy=off: chown copied libbig.so up whole (its blocks are in upper)",
    checkXattr: (name: string) => `metacopy=on: upper's libbig.so carries ${name}`,
    checkMetadataOnly: "metacopy=on: upper's libbig.so has the full size but no data blocks: metadata only",
    checkChanged: "its new owner or mode is in upper: the metadata was copied up and changed there",
    checkReads: "read through merged, its bytes are still the image's: the data comes from lower",
    layerOff: "upper after the chown, metacopy=off",
    layerOn: "upper after the chown, metacopy=on",
    checkShare: "the metadata-only upper is under 1% of the full copy",
    nowWrite: "Now write one byte to the file through merged (metacopy=on): a write needs the data.",
    checkWrite: "the write copied the data up: upper's libbig.so now has all its blocks",
    checkGone: "and it no longer carries overlay.metacopy",
    layers:
      "Why RUN chown -R doubles a layer: a build commits each RUN as a layer, and a layer is a tar of what changed, in which a changed file goes whole, data and all. Docker even copies the data while the RUN runs; metacopy=on spares only the container's upper, and the layer pushed still holds every byte. Set owners where the files are made: COPY --chown=app:app, or chown in the RUN that creates them.",
    key: "metacopy=on spares a container's disk the copies a chown makes, not an image: a tar layer holds a changed file whole.",
    practice: {
      task: "Be the RUN chown -R: through metacopy/on/merged (the container with metacopy=on), give the files under opt/app another owner, then compare the two uppers.",
      hint: "chown -R 1000:1000 metacopy/on/merged/opt/app, then du -s -B1 metacopy/off/upper metacopy/on/upper",
      done: "Your change copied up the metadata only: upper's copy has the file's size, not its blocks, and reads still come from the image layer.",
    },
  },
  redirect: {
    title: "redirect_dir: renaming a directory",
    explain:
      "A container renames a directory that comes from its image (mv /srv/www /srv/site). The image layer cannot change, so overlayfs either refuses the rename or, with redirect_dir=on, records it in upper. Without it (most kernels' default, and docker's overlay2 does not ask for it), rename(2) fails with EXDEV, the error for a move between two filesystems, and mv falls back to copying the whole tree up and deleting the old one.",
    page: "the site, shipped in the image",
    whyPerl:
      "coreutils has no command that calls rename(2) alone: mv copies and deletes where rename fails (mv --no-copy, which refuses instead, came in coreutils 9.5). perl's rename is the bare system call, and perl-base is on every Debian and Ubuntu:",
    whyNode:
      "coreutils has no command that calls rename(2) alone: mv copies and deletes where rename fails (mv --no-copy, which refuses instead, came in coreutils 9.5), and perl is not installed here: the node that runs this lesson makes the bare system call:",
    checkExdev: "redirect_dir=off: rename(2) of the image's directory fails with EXDEV",
    mvInstead:
      "mv meets the same EXDEV, and does what it does between two filesystems: it copies every file up, then deletes the old tree, which leaves a whiteout.",
    mvCopied: "mv copied up",
    checkCopied: "mv copied every byte of the directory into upper",
    checkWhiteoutOff: "the old name is a whiteout in upper",
    checkXattr: (name: string) => `redirect_dir=on: rename(2) worked, and the new directory in upper carries ${name}, naming the old one`,
    checkNothingCopied: "redirect_dir=on: not one file was copied up",
    checkWhiteoutOn: "the old name is a whiteout in upper: the image's directory now shows only under the new name",
    checkNewName: "merged shows the image's files under the new name",
    upperOff: "upper after mv, redirect_dir=off",
    upperOn: "upper after the rename, redirect_dir=on",
    nativeDiff:
      "This is why dockerd turns its native diff off when the kernel has redirect_dir on: the native diff tars upper as it is, and a redirect there is a directory without its files, so the layer would lose them. The naive diff walks the merged view instead and copies every file into the layer: correct, and slow.",
    key: "Without redirect_dir, renaming an image's directory copies the whole tree up (or fails with EXDEV); with it, upper records a redirect and copies nothing.",
    practice: {
      task: "Rename the image's srv/www through redirect-dir/on/merged (the container with redirect_dir=on): mv works, and so does rename(2) now.",
      hint: "mv redirect-dir/on/merged/srv/www redirect-dir/on/merged/srv/<a new name>, then ls -l redirect-dir/on/upper/srv",
      done: "Your rename left a redirect in upper, not a copy: the new directory points to the image's one, and the old name is a whiteout.",
    },
  },
  hardlinks: {
    title: "index: hard links after a copy-up",
    explain:
      "An image can hold one file under two names, a hard link (Debian's /usr/bin/perl and /usr/bin/perl5.36.0 are one file). A write through one name copies the file up: without index, the kernel copies up that name only, as a new inode, and the two names part ways; with index=on it copies the inode up once, keeps it in work/index, and every name stays the same file.",
    version1: "version 1",
    version2: "version 2, written through state",
    whyOffRootless:
      "an overlay mounted in a user namespace cannot decode file handles (that takes CAP_DAC_READ_SEARCH on the host), and index finds its inodes by file handle, so the kernel turns index off.",
    checkBroken: "index=off: after the write, state is a new inode of its own: the link is broken",
    checkCounts: "index=off: state now has 1 link, and state.link still says 2",
    checkOldContent: "index=off: state.link still shows the old content",
    checkHeld: "index=on: state and state.link are still one inode",
    checkTwoLinks: "index=on: both names still have 2 links",
    checkNewContent: "index=on: state.link shows the write",
    checkIndex: "index=on: the copied-up inode is kept in work/index",
    why: "A program that writes through one name expects every name to see it (rsync -H, a package's hard-linked files, a database and its hard-linked backup): without index, the names silently diverge, and the link count no longer tells the truth.",
    key: "Without index=on, a copy-up breaks the hard links of a file of the image; index=on keeps them.",
  },
  volatile: {
    title: "volatile: no syncs, a refused remount",
    explain:
      "Podman mounts throwaway containers (podman run --rm) with volatile: the kernel never syncs their upper (fsync and syncfs return at once, O_DSYNC writes are not waited for), which spares the disk its flushes. The price: after a crash upper may be half written, so the kernel marks the work directory and refuses to mount that upper and work again.",
    timing: (writes: number) =>
      `The same ${writes} synchronous 4 KiB writes (dd oflag=dsync, as a database commits) on each mount, three runs each, alternating:`,
    median: "median",
    plain: "without volatile",
    volatile: "with volatile",
    faster: (ratio: string) => `The volatile mount wrote ${ratio}× faster (medians, ranges apart): its writes did not wait for the disk.`,
    slower: (ratio: string) =>
      `The volatile mount was ${ratio}× slower here (medians, ranges apart): noise on this machine, since volatile only leaves work out.`,
    noDifference: (trials: number) =>
      `The ranges overlap: over ${trials} runs each, this disk's flushes cost too little to tell the two apart (a VM's write cache, or tmpfs). On a real disk each synchronous write waits for it.`,
    checkWritten: "every write landed: the journal has its full size",
    checkLeft: "after a clean umount, work/work/incompat/volatile is still there",
    checkRefused: "the next mount of the same upper and work is refused",
    kernelSays: "the kernel's log (dmesg)",
    nothingLogged: "(nothing)",
    logUnreadable:
      'mount(8) can only say "wrong fs type, bad option": the kernel\'s reason is in its log, which only root may read here (sudo dmesg).',
    checkKernel: "the kernel says why: the mark of a volatile mount",
    clear:
      "The mark means: if the machine crashed, upper may be incomplete, so throw upper and work away. Only because this machine did not crash may the lesson remove the mark instead, as the kernel's documentation allows:",
    checkKept: "mounted again: the files written before are all there",
    key: "volatile trades durability for speed: after a crash the container layer is thrown away, and the kernel will not mount it as if nothing happened.",
  },
  xino: {
    title: "xino: one device, unique inodes",
    explain:
      "st_dev and st_ino say which file a path is: du, find, tar and rsync tell files apart, and count hard links, by them. When all layers are on one filesystem, overlayfs reports the mount's device for every path. When they are not, a file reports its own layer's device and inode, unless the mount has xino=on, which puts the layer's number in the inode's high bits.",
    ownFilesystem:
      "This step's image lives on a filesystem of its own, a tmpfs, as when images are on another disk or in an erofs image (composefs):",
    logLine: "a line the container wrote",
    duCounts: (mount: string) => `du -sx of merged, ${mount}`,
    checkOffDevices: "xino=off: the mount's root, a file of the image and a new file do not report one device",
    checkOnDevice: "xino=on: all three report the mount's one device",
    checkHighBits: "xino=on: the image file's inode is its inode in the image plus the layer's number in the high bits",
    checkDuOff: "xino=off: du -x counts only directories: the files look like another filesystem",
    checkDuOn: "xino=on: du -x counts the files",
    why: "du -x stays on its starting directory's device: without xino it skips every file of this container. Tools that remember files by (st_dev, st_ino), to count a hard-linked file once or to see what changed, meet several devices in one mount, and an inode number that only the device tells apart from another file's.",
    key: "With layers on several filesystems, only xino=on gives a container one device and inode numbers that are unique.",
  },
  dataOnly: {
    title: "data-only layers: one shared store",
    explain:
      "composefs (which ostree and podman's containers-storage can mount images with) splits an image in two: a metadata layer per image (names, owners, sizes) and one store of file contents shared by all images, each file named by a digest of its content (composefs uses its fs-verity digest; this lesson, sha256sum's). The store is given to overlayfs after \"::\" as a data-only lower layer (Linux 6.5): none of its paths shows in merged, and a file's data is reached only through the overlay.redirect of a metadata-only file above it.",
    ownSetting: "setfattr is not installed here (apt install attr): the lesson sets the xattrs itself, as mkcomposefs does:",
    checkHidden: "merged shows the image's names only, none of the store's",
    checkSame: "both images read the store's bytes",
    checkNoData: "the image's libshared.so is sparse: the full size, and no data of its own",
    checkStore: "the store holds the data, once",
    images: "the two images' layers",
    store: "the store",
    composefs:
      "A thousand images that ship the same library keep its bytes once, and the kernel finds them by name. composefs adds an erofs image for the metadata and an fs-verity digest in overlay.metacopy, so that a tampered object fails to open.",
    key: "A data-only layer holds contents only: paths come from the metadata layers above it, the data from the store, through redirects.",
  },
};

export type FeaturesWords = typeof en;
