// English catalogue. The shape of this object is the catalogue's type: zh.ts must provide every
// key with the same signature, or the build fails.

export const en = {
  cli: {
    optPractice: "do the steps that change the overlay yourself, in a shell; the kernel grades them",
    optFrom: "start at this step (the steps before it run by themselves, to build the state)",
    optRootless: "run in a user and mount namespace of the lesson's own, as without root (automatic when not root)",
    optShell: "after the last step, open a shell in the workspace with merged still mounted; leaving it ends the lesson",
    description: "Learn how container image layers work: OverlayFS on your own kernel, step by step.",
    cleanup: "remove workspaces left by --keep or by a killed run",
    doctor: "check that lessons can run here, and if not, why and how to fix it",
    list: "list the lessons",
    inspect: "any overlay on this host (a container, a mount point, or all): layers, changes, hidden bytes",
    inspectTarget:
      "a container name or id (docker, podman, containerd; RUNTIME/USER/NAME when several stores have the name), a Kubernetes pod as NAMESPACE/POD, or an overlay mount point; none: every overlay mount and every stopped container",
    optInspectJson: "print one JSON object per overlay mount (with --image: one for the image)",
    optTop: "show the N largest items (default 10)",
    optInspectImage: "an image (docker or podman): its layers, the build step that made each, and the bytes each hides or leaves hidden",
    optInspectRuntime: "with --image: docker or podman (default: whichever knows the image, docker first)",
    optSummary: "only the host summary: every store, image and container on this host, the largest first, and the layers nothing uses",
    optHtml:
      "also write FILE: a self-contained HTML report that opens offline (of TARGET or --image: treemap, layers, hidden items; of --summary: the host's stores, images and containers)",
    optInspectRoot:
      "read the container stores beneath DIR (a disk from another machine, mounted here): from their files alone, nothing mounted, no runtime asked",
    optCi: "with --image: a CI gate; exit 1 when a --max-hidden rule is crossed",
    optMaxHidden: "with --ci: the most hidden bytes the image may hold (e.g. 10MiB; 0 for none)",
    optMaxHiddenPercent: "with --ci: the most hidden bytes, in percent of the image's bytes on disk",
    optDir: "make the workspace under PARENT (default: the system temp dir)",
    optKeep: "keep the workspace afterwards, to look around (as root still mounted; rootless, its directories)",
    optYes: "do not pause between steps",
    optDirCleanup: "look for workspaces under PARENT (default: the system temp dir)",
    optDirDoctor: "check PARENT as the place for workspaces (default: the system temp dir)",
    optJsonReport: "print JSON instead of text",
    optJson: "print newline-delimited JSON events instead of the lesson",
    optNoColor: "no colours (also: NO_COLOR=1)",
    optLang: "language: zh, en or ja (default: from LANG)",
    optTranscript: "also write the whole run as Markdown to FILE",
    optDryRun: "say what would be removed, remove nothing",
    optHelp: "show help",
    optVersion: "show the version",
    helpCommand: "show help for a command",
    helpTitles: {
      "Usage:": "Usage:",
      "Options:": "Options:",
      "Commands:": "Commands:",
      "Arguments:": "Arguments:",
      "Global Options:": "Global options:",
    },
    examples: "Examples:",
    exampleMount: "npx overlay-lesson mount-demo                # step by step, no sudo needed (rootless)",
    exampleLang: "npx overlay-lesson layers-demo --lang ja      # in Japanese (--lang zh: Chinese)",
    examplePractice: "npx overlay-lesson mount-demo --practice     # you type the commands, the kernel grades",
    exampleCow: "sudo npx overlay-lesson cow-demo --size 1G    # as root: the mounts are on the host",
    exampleInspect: "sudo npx overlay-lesson inspect              # every overlay on this host, hidden bytes",
    exampleJson: "npx overlay-lesson mount-demo --json | jq -c 'select(.type==\"check\")'",
    exampleDoctor: "npx overlay-lesson doctor                    # can lessons run here?",
    usageCommand: "<command>",
    usage: "[options]",
  },
  usage: {
    shellNeedsTerminal: "--shell opens an interactive shell, which JSON output cannot hold: leave out one of --shell and --json",
    unknownCommand: (name: string, lessons: readonly string[], others: readonly string[]) =>
      `unknown command '${name}'. Lessons: ${lessons.join(", ")}; other commands: ${others.join(", ")} (see --help)`,
    unknownOption: (option: string) => `unknown option '${option}' (see --help)`,
    missingValue: (option: string) => `option '${option}' needs a value`,
    missingArgument: (name: string) => `missing argument '${name}'`,
    excessArguments: (command: string) => `'${command}' takes options only, no other words (see --help)`,
    invalidValue: (option: string, detail: string) => `invalid value for ${option}: ${detail}`,
    noCommand: "name a lesson: overlay-lesson mount-demo (or see --help)",
    lang: (value: string) => `'${value}' is not a language here: use zh, en or ja`,
    sizeEmpty: "the size is empty: give one like 50M, 1G or 512MiB",
    sizeMalformed: (value: string) => `'${value}' is not a size: give one like 50M, 1G, 512MiB, 64m or a number of bytes`,
    sizeZero: "the size must be more than 0 bytes",
    sizeTooSmall: (value: string) => `'${value}' is too small: the big file must be at least 1 MiB to show anything`,
    sizeTooLarge: (value: string) => `'${value}' is too large: at most 64 GiB`,
    transcriptNotFile: (path: string) =>
      `--transcript ${path} exists and is not a regular file (a symlink or a directory): give a new file name`,
    transcriptNoDir: (path: string) => `--transcript ${path}: its directory does not exist`,
    integer: (value: string, min: number, max: number) => `'${value}' is not a whole number from ${min} to ${max}`,
  },
  errors: {
    rootless: {
      "no-unshare": (sudo: string) =>
        `running without root needs \`unshare\` (util-linux): install it (apt install util-linux), or run with sudo: ${sudo}`,
      "old-kernel": (sudo: string, version: string) =>
        `running without root needs Linux 5.11 or later for overlay mounts in a user namespace (this is ${version}): run with sudo: ${sudo}`,
      apparmor: (sudo: string) =>
        `AppArmor restricts unprivileged user namespaces here (kernel.apparmor_restrict_unprivileged_userns=1, Ubuntu 24.04's default): allow them with \`sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0\`, or run with sudo: ${sudo}`,
      "max-user-namespaces": (sudo: string) =>
        `user namespaces are switched off (user.max_user_namespaces=0): allow them with \`sudo sysctl user.max_user_namespaces=15000\`, or run with sudo: ${sudo}`,
      "userns-clone": (sudo: string) =>
        `unprivileged user namespaces are switched off (kernel.unprivileged_userns_clone=0): allow them with \`sudo sysctl kernel.unprivileged_userns_clone=1\`, or run with sudo: ${sudo}`,
      denied: (sudo: string, detail: string) =>
        `the kernel refused a user namespace (${detail}); inside a container, the container must allow them: run with sudo: ${sudo}`,
    },
    internal: (message: string) => `internal error (a bug in overlay-lesson, please report it): ${message}`,
    outputClosed: "the output was closed before the lesson ended; cleaned up",
    commandFailed: (command: string, code: number, stderr: string) =>
      `\`${command}\` failed with exit code ${code}${stderr ? `: ${stderr}` : ""}`,
    mountFailed: (stderr: string) => `mount failed: ${stderr}`,
    stepCrashed: (message: string) => `the step broke: ${message}`,
    checksFailed: (count: number) => `${count} check${count === 1 ? "" : "s"} did not hold on this kernel: see the ✗ lines above`,
    teardownFailed: (command: string) => `cleanup did not finish: run ${command}`,
  },
  parent: {
    notWritable: (path: string) =>
      `--dir ${path} is not writable by you: choose a directory of your own (the default is the system temp dir)`,
    missing: (path: string) => `--dir ${path} does not exist`,
    notDirectory: (path: string) => `--dir ${path} is not a directory`,
    symlink: (path: string) => `--dir ${path} is a symbolic link; give the real directory it points to`,
    worldWritable: (path: string) =>
      `--dir ${path} is writable by everyone without the sticky bit, so another user could swap our workspace`,
    unfitFs: (path: string, fsType: string) => `--dir ${path} is on ${fsType}, which cannot hold an overlay upper layer`,
    fix: "choose a directory on a local filesystem such as ext4, xfs, btrfs or tmpfs (the default /tmp usually is)",
  },
  hints: {
    "no-overlay":
      "the kernel has no overlay filesystem: run `sudo modprobe overlay` (or install your distribution's kernel modules) and try again",
    "bad-option":
      "mount rejected the layers: upper and work must be on one filesystem, work must be empty, upper cannot be on overlay or NFS, and xfs needs ftype=1 (check with `xfs_info`)",
    busy: "the mount point is busy: find who uses it with `fuser -vm PATH` or `lsof +D PATH`, close it, or detach it with `umount -l PATH`",
    "not-permitted": "the kernel refused the mount: run as root (sudo), and inside a container give it CAP_SYS_ADMIN",
    "no-such-path": "a layer directory is missing: it may have been removed while the lesson ran",
  },
  doctor: {
    rootlessOk: "not root: lessons run rootless, in a user and mount namespace of their own",
    rootlessNo: "not root, and lessons cannot run rootless here",
    title: "Can overlay lessons run here?",
    kernel: (version: string) => `kernel ${version}`,
    kernelFix: "overlayfs needs Linux 3.18 or later: use a newer kernel or VM",
    kernelOldMultiLower: "several lower layers need Linux 4.0 or later",
    overlayLoaded: "overlay filesystem available (/proc/filesystems)",
    overlayModule: "overlay module present; the kernel loads it on the first mount",
    overlayMissing: "no overlay filesystem in this kernel",
    overlayFix: "run `sudo modprobe overlay`, or install your distribution's kernel modules package",
    root: "running as root",
    parentOk: (path: string, fsType: string) => `workspace parent ${path} is on ${fsType}`,
    tmpfsNote: "tmpfs lives in memory: cow-demo's timings will measure memory, not disk",
    xfsNote: "xfs must be formatted with ftype=1 to hold an upper layer (xfs_info shows it)",
    space: (free: string, path: string) => `${free} free under ${path}`,
    spaceShort: (free: string, need: string, path: string) => `only ${free} free under ${path}, need ${need}`,
    spaceFix: "free some space, or choose another --dir",
    commands: (list: string) => `commands found: ${list}`,
    commandsMissing: (list: string) => `missing commands: ${list}`,
    commandsFix: "install util-linux, coreutils and findutils (apt install util-linux coreutils findutils)",
    ready: "Lessons can run here.",
    notReady: (count: number) => `Lessons cannot run here yet: ${count} problem${count === 1 ? "" : "s"} above, each with its fix.`,
    optionalTitle: "Optional tools (a lesson shows them where installed, and does without them):",
    optionalFound: (program: string, path: string, purpose: string) => `${program} (${path}): ${purpose}`,
    optionalMissing: (program: string, pkg: string, purpose: string) =>
      `${program} is not installed (apt-get install ${pkg}): ${purpose}; the lesson reads the same facts itself`,
    optionalPurpose: { getfattr: "layers-demo shows an opaque directory's xattr with it" },
    runtimesTitle: "Container runtimes (container-demo needs one; the other lessons do not):",
    overlayTitle: (kernel: string) => `overlay on this kernel (Linux ${kernel}), where a mount does not say:`,
    overlayNotLoaded: "the overlay module is not loaded yet (it loads on the first overlay mount): its defaults cannot be read",
    overlayFeature: {
      redirect_dir: (on: boolean): string =>
        on
          ? "redirect_dir on: renaming an image's directory records a redirect and copies nothing"
          : "redirect_dir off: renaming an image's directory fails with EXDEV, and mv copies the whole tree up",
      metacopy: (on: boolean): string =>
        on ? "metacopy on: a chown or chmod copies the metadata only" : "metacopy off: a chown or chmod copies the whole file up",
      index: (on: boolean): string =>
        on ? "index on: hard links hold after a copy-up" : "index off: a write through one hard link breaks the link",
      xino_auto: (on: boolean): string =>
        on
          ? "xino on: inode numbers in merged stay unique across layers"
          : "xino off: two files of different layers may show the same inode number in merged",
    },
    overlayParameters: (all: string) => `every parameter: ${all}`,
    mountsTitle: "overlays mounted here, by store, with the options they were given:",
    noMounts: "no overlay is mounted here now",
    plainStore: "in no runtime's store",
    mountsOf: (store: string, count: string, options: string) =>
      `${store}: ${count} ${count === "1" ? "mount" : "mounts"}, ${options === "" ? "no options of their own (the kernel's defaults above)" : options}`,
    runtimeOk: (name: string, version: string, driver: string) => `${name} ${version} answers; storage driver ${driver}`,
    runtimeNotOverlay: (name: string, driver: string) =>
      `${name} keeps containers with ${driver}, not overlay: container-demo cannot read them`,
    runtimeAsRoot: (name: string, path: string) =>
      `${name} is installed (${path}); container-demo runs it as root: run doctor with sudo to ask it`,
    runtimeAbsent: (name: string) => `${name} is not installed`,
    runtimeNoDaemon: (name: string) => `${name} is installed, but its daemon does not answer`,
    runtimePermission: (name: string) => `${name}'s daemon answers only to root and the docker group`,
    runtimeError: (name: string, detail: string) => `${name} does not work here: ${detail}`,
    runtimeNone: "no container runtime on PATH (neither docker nor podman)",
    runtimeInstall: "install podman (sudo apt-get install podman runc) or docker (sudo apt-get install docker.io)",
    dockerStart: "start the daemon (sudo systemctl start docker, or sudo dockerd &), or use --runtime podman",
    dockerPermission: "run as root (sudo), or add yourself to the docker group",
    podmanStart: "start podman's service (sudo systemctl start podman.socket), or use --runtime docker",
    containerdStart: "start containerd (sudo systemctl start containerd), or point CONTAINERD_ADDRESS at the socket it listens on",
    containerdPermission: "run as root (sudo): containerd's socket answers only to root",
  },
  cleanup: {
    nothing: (parent: string) => `Nothing of overlay-lesson's under ${parent}.`,
    removed: (path: string) => `removed ${path}`,
    wouldRemove: (path: string, state: string) => `would remove ${path} (${state})`,
    unmounted: (path: string) => `unmounted ${path}`,
    lazy: (path: string, holders: string) => `${path} was busy${holders ? ` (held by ${holders})` : ""}: detached it lazily`,
    live: (path: string, pid: number) => `left ${path} alone: its lesson is still running (pid ${pid})`,
    refused: (path: string, reason: string) => `left ${path} alone: ${reason}`,
    reasons: {
      "other-user": "it belongs to another user",
      "no-marker": "no overlay-lesson marker inside, so it is not ours",
      "foreign-marker": "its marker names another path, so it was copied or planted",
      symlink: "it is a symbolic link",
      "not-directory": "it is not a directory",
      "still-mounted": "something beneath is still mounted",
      "crosses-filesystem": "it holds another filesystem",
    },
    states: { stale: "its lesson was killed", kept: "kept with --keep" },
    done: (count: number) => `Removed ${count} workspace${count === 1 ? "" : "s"}; nothing of ours is mounted.`,
    failed: (count: number) => `${count} workspace${count === 1 ? "" : "s"} could not be removed: see above`,
    containerRemoved: (name: string, runtime: string) => `removed container ${name} (${runtime}): its lesson is no longer running`,
    containerWouldRemove: (name: string, runtime: string) => `would remove container ${name} (${runtime}): its lesson is gone`,
    containerLive: (name: string, pid: number) => `left container ${name} alone: its lesson is still running (pid ${pid})`,
    containerFailed: (name: string, detail: string) => `could not remove container ${name}: ${detail}`,
  },
  list: {
    minutes: (minutes: number) => `~${minutes} min`,
  },
  report: {
    mode: {
      root: "Mode: root. The mounts are made on the host, where every process can see them.",
      rootless:
        'Mode: rootless. The lesson runs in a user and mount namespace of its own: you are "root" there, but only over your own files, and its mounts vanish with it, even if it is killed. Its overlays are mounted with -o userxattr: without root the kernel lets a user namespace write only user.* xattrs, so overlayfs keeps its marks (whiteouts, opaque directories) as user.overlay.* instead of trusted.overlay.*.',
    },
    keptRootlessTitle: "Kept the directories (--keep):",
    keptRootlessWhy:
      "Rootless, the mount lived in the lesson's own namespace and went with it: the layers are all here, and merged/ is an empty directory now. To look around with merged still mounted, run the lesson with --shell.",
    shellStart: (shell: string) => `Opening ${shell} in the workspace, merged still mounted. Type exit (or Ctrl-D) to end the lesson.`,
    shellEnd: (code: number) => `The shell ended (exit code ${code}).`,
    workspace: "Workspace:",
    commandsRunHere: "(the commands below run from here)",
    step: (n: number, total: number) => `Step ${n}/${total}`,
    expected: "expected:",
    observed: "observed:",
    failedCheck: (where: string, expected: string, observed: string) => `${where}: expected ${expected}; observed ${observed}`,
    exitCode: (code: number) => `exit code ${code}`,
    moreLines: (count: number) => `… ${count} more lines`,
    pressEnter: "Press Enter to continue…",
    cleaningUp: "Cleaning up:",
    teardownUmount: (path: string) => `umount ${path}`,
    teardownRemove: (path: string) => `rm -r ${path}`,
    lazyUnmount: (path: string, holders: string) => `${path} was busy${holders ? ` (held by ${holders})` : ""}: detached it with umount -l`,
    stillCleaning: "Still cleaning up, please wait: stopping now would leave a mount behind.",
    stepInterrupted: (signal: string) => `interrupted by ${signal}`,
    interrupted: (signal: string) => `Interrupted by ${signal}.`,
    interruptedClean: (signal: string) => `interrupted by ${signal}: the workspace was removed and nothing is left mounted`,
    interruptedKept: (signal: string) => `interrupted by ${signal}: the workspace was kept (--keep), see the paths above`,
    skipped: (reason: string) => `skipped: ${reason}`,
    summarySkipped: (count: number) => `, ${count} step${count === 1 ? "" : "s"} skipped`,
    summary: (stepsOk: number, steps: number, held: number, checks: number) =>
      `${stepsOk}/${steps} steps ok, ${held}/${checks} checks held`,
    keptTitle: "Kept the workspace, still mounted (--keep):",
    keptLook: "Look around:",
    keptRemove: "Remove it when you are done:",
    keptManual: "or by hand:",
    staleRemoved: (path: string, pid: number) => `Removed ${path}, left by an earlier run that was killed (pid ${pid}).`,
    layersTitle: "Layer map",
    layerPath: "path",
    layersLegend: "(▶ changed in this step)",
  },
  practice: {
    hintLabel: "Hint:",
    menu: "[r]etry (the same shell, your changes kept) · [s]how me (the lesson does it) · [q]uit (clean up and stop), then Enter:",
    changedLabel: "you changed something in the workspace",
    changedExpected: "a change to the layers or the mounts",
    changedNothing: "nothing: the shell was left as it was opened",
    progressNotSaved: "(your progress could not be saved in the state directory)",
    quit: (step: string) => `you quit the practice at step ${step}; the lesson now removes what it made`,
    quitEnd: (step: string) => `you quit the practice at step ${step}; what the lesson made is removed`,
    notTerminal: "--practice opens a shell for you to type in: it needs a terminal (stdin and stdout), and cannot be combined with --json",
    unknownStep: (step: string, steps: string) => `--from ${step}: the lesson has no such step; its steps are ${steps}`,
    /** Before every step that --practice offers, each marked ✓ (done) or · (not yet). */
    practiced: "--practice (✓ done):",
    nextLabel: "Next:",
    /** A few names in a sentence, the way this language lists them. */
    list: (items: readonly string[]) => items.join(", "),
    ranNothingChanged: (lines: string) => `What you ran changed no layer and no mount: ${lines}.`,
    commandFailed: (line: string, code: number) => `\`${line}\` ended with exit code ${code}: its own message is above, in your shell.`,
    startAgain: (command: string) => `the simplest way back is a fresh workspace: [q]uit, then start this step again: ${command}`,
    mount: {
      notTaken: (target: string) => `Your mount did not take: ${target} is not an overlay mount now.`,
      outside: (target: string) =>
        `Your overlay on ${target} is outside the workspace: the lesson unmounts only what is beneath it, so this one stays when the lesson ends. Unmount it yourself: umount ${target}`,
      replay:
        "The lesson runs it again in a mount namespace of its own (whatever it mounts there goes when the command ends), to read mount's own answer:",
      replayWorked: (target: string) =>
        `This time mount accepted the same words (in the lesson's own namespace, gone again): your mount on ${target} failed for a reason that has passed, or was undone after. Mount it again.`,
      means: {
        "no-such-path":
          "mount's “does not exist” means that a path the command names was not found: a directory in -o, or the mount point. (“special device overlay” is only the name given to the mount, not a device.)",
        "bad-option":
          "mount's “wrong fs type, bad option…” means that the kernel refused the options; it writes why only to its own log (dmesg, as root).",
        "no-overlay": "mount's “unknown filesystem type” means that the kernel knows no filesystem by the name after -t.",
        busy: "mount says the mount point is busy: something is mounted there already or is using it.",
        "not-permitted": "the kernel did not let this user mount: as root it can, and rootless only inside the lesson's own namespace.",
      },
      problems: {
        noType: "there is no -t overlay: without it, mount does not know which filesystem to make",
        otherType: (type: string) => `-t ${type}: the kernel's name for this filesystem is overlay`,
        noSource: (given: string) =>
          `mount needs two words after the options: a name for the mount (any word; overlay is the custom), then the mount point. Given only ${given}, it looks ${given} up in /etc/fstab`,
        unknownOption: (option: string, meant: string) => `${option}= is not an option of overlay: did you mean ${meant}=?`,
        noLowerdir: "there is no lowerdir=: an overlay needs at least one lower layer",
        noWorkdir: "upperdir= needs a workdir= beside it: the kernel's scratch space, on upper's filesystem",
        noUpperdir:
          "there is no upperdir=: without an upper layer an overlay is read-only (and needs two lower layers), and the container's changes have nowhere to go",
        missing: (option: string, value: string, near: string) =>
          `${option}=${value}: there is no ${value}${near ? ` (did you mean ${near}?)` : ""}`,
        missingTarget: (value: string, near: string) => `the mount point ${value} does not exist${near ? ` (did you mean ${near}?)` : ""}`,
        notDirectory: (option: string, value: string) => `${option}=${value} is not a directory`,
        targetNotDirectory: (value: string) => `the mount point ${value} is not a directory`,
        separateFs: (upper: string, upperFs: string, work: string, workFs: string) =>
          `upperdir ${upper} (${upperFs}) and workdir ${work} (${workFs}) are on different filesystems: the kernel needs them on one`,
        nested: (upper: string, work: string) =>
          `workdir ${work} and upperdir ${upper} overlap (one is inside the other, or they are the same): they must be separate directories`,
        upperUnfit: (upper: string, fsType: string) => `upperdir ${upper} is on ${fsType}, which cannot hold an upper layer`,
        workNotEmpty: (work: string, entries: string) =>
          `workdir ${work} holds ${entries}: it should be an empty directory of the kernel's own (docker and podman give it one)`,
      },
      next: "correct the command and mount again: [r]etry opens the same shell, and ↑ brings your last command back.",
    },
  },
  layers: {
    absent: "—",
    dir: "dir",
    whiteout: "whiteout",
    opaque: "opaque dir",
    opaqueBrief: "opaque",
    symlink: "symlink",
    other: "special",
    hidden: "hidden",
    copyUp: "copy-up",
    new: "new",
  },
};

export type Messages = typeof en;
