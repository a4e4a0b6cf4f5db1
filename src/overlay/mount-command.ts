// What a mount(8) command line asks for, read from its words as mount itself reads them: the
// filesystem type, the -o options (every -o joined, as mount does), the source and the mount
// point. Used to explain a learner's mount that failed, from the command they typed.

export interface MountInvocation {
  /** The words from `mount` on (a leading sudo and VAR=value assignments dropped). */
  argv: string[];
  type: string | undefined;
  /** Every -o value split at its unescaped commas, in order. */
  options: string[];
  /** The words that are not options: mount's source and mount point. */
  positionals: string[];
  /** Options other than -t, -o and the harmless -v, -n, -i: --bind, --move, -a … make it another kind of mount. */
  otherFlags: string[];
}

/** mount's short options that take a value (util-linux 2.38: -t -o -O -L -U -N -T). */
const WITH_VALUE = new Set(["t", "o", "O", "L", "U", "N", "T"]);
const LONG_WITH_VALUE = new Set([
  "--types",
  "--options",
  "--test-opts",
  "--label",
  "--uuid",
  "--namespace",
  "--fstab",
  "--source",
  "--target",
]);
const HARMLESS = new Set(["-v", "--verbose", "-n", "--no-mtab", "-i", "--internal-only"]);

/** The mount a simple command runs, or undefined when it runs something else. */
export function parseMountCommand(words: readonly string[]): MountInvocation | undefined {
  let start = 0;
  while (start < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[start] ?? "")) start++;
  if (words[start] === "sudo") {
    start++;
    while (start < words.length && (words[start] ?? "").startsWith("-")) start++;
  }
  const program = words[start];
  if (program === undefined || program.split("/").at(-1) !== "mount") return undefined;
  const argv = words.slice(start);
  const invocation: MountInvocation = { argv, type: undefined, options: [], positionals: [], otherFlags: [] };
  const take = (flag: string, value: string | undefined): void => {
    if (flag === "t" || flag === "--types") invocation.type = value;
    else if (flag === "o" || flag === "--options") invocation.options.push(...splitOptions(value ?? ""));
    else invocation.otherFlags.push(flag.startsWith("--") ? flag : `-${flag}`);
  };
  for (let index = 1; index < argv.length; index++) {
    const word = argv[index] ?? "";
    if (word === "--") {
      invocation.positionals.push(...argv.slice(index + 1));
      break;
    }
    if (word.startsWith("--")) {
      const [flag = word, inline] = word.includes("=") ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)] : [word];
      if (HARMLESS.has(flag)) continue;
      if (LONG_WITH_VALUE.has(flag) && inline === undefined) take(flag, argv[++index]);
      else take(flag, inline);
    } else if (word.startsWith("-") && word.length > 1) {
      // A cluster: -vt overlay, -toverlay, -ooptions.
      for (let at = 1; at < word.length; at++) {
        const flag = word.charAt(at);
        if (WITH_VALUE.has(flag)) {
          take(flag, at + 1 < word.length ? word.slice(at + 1) : argv[++index]);
          break;
        }
        if (!HARMLESS.has(`-${flag}`)) take(flag, undefined);
      }
    } else {
      invocation.positionals.push(word);
    }
  }
  return invocation;
}

/** `a,b\,c` → ["a", "b,c"]: overlay takes a backslash-escaped comma inside a path. */
export function splitOptions(value: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let index = 0; index < value.length; index++) {
    const char = value.charAt(index);
    if (char === "\\" && value.charAt(index + 1) === ",") {
      current += ",";
      index++;
    } else if (char === ",") {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.filter((part) => part !== "");
}

/** The value of the last `key=value` among the options (the kernel takes the last), or undefined. */
export function optionValue(invocation: MountInvocation, key: string): string | undefined {
  const found = invocation.options.findLast((option) => option.startsWith(`${key}=`));
  return found?.slice(key.length + 1);
}

/** Did the learner mean an overlay (even with a wrong or missing -t)? */
export function meantOverlay(invocation: MountInvocation): boolean {
  const layered = invocation.options.some((option) => /^(?:lower|upper|work)dir\+?=/.test(option));
  return invocation.type?.startsWith("overlay") === true || invocation.positionals[0] === "overlay" || layered;
}

// Options that only shape a new overlay: running such a mount again in a private namespace makes
// nothing outside it. mount(8)'s own (remount, bind, move, loop=, X-mount.mkdir …) act on other
// mounts, devices or directories, and are never replayed.
const OVERLAY_KEYS = new Set([
  "lowerdir",
  "lowerdir+",
  "datadir+",
  "upperdir",
  "workdir",
  "userxattr",
  "redirect_dir",
  "index",
  "uuid",
  "nfs_export",
  "xino",
  "metacopy",
  "verity",
  "volatile",
  "default_permissions",
]);
const HARMLESS_KEYS = new Set(["ro", "rw", "noatime", "relatime", "strictatime", "nodiratime", "nosuid", "nodev", "noexec", "defaults"]);

/**
 * Is this a plain `mount -t overlay NAME -o … TARGET`, whose options make only a new overlay?
 * A misspelt key (lowedir=) counts: the kernel refuses it, which is the answer the learner needs.
 */
export function isPlainOverlayMount(invocation: MountInvocation): boolean {
  if (invocation.type !== "overlay" || invocation.otherFlags.length > 0 || invocation.positionals.length !== 2) return false;
  return invocation.options.every((option) => {
    const key = option.split("=")[0] ?? "";
    return OVERLAY_KEYS.has(key) || HARMLESS_KEYS.has(key) || /^(?:low|up|wor)[a-z]*$/.test(key);
  });
}
