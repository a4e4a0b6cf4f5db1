// The stack `npm run bench` inspects: 3 image layers of 30,000 files each and a container layer
// of 100,000 files, 20,000 of them copy-ups, made by the kernel through a real overlay mount.
//   node bench/inspect-fixture.mjs make PARENT    prints the mount point; the stack is under PARENT
//   node bench/inspect-fixture.mjs remove PARENT  unmounts and removes it
// The image layers are written directly (as an image pull unpacks them); the middle layer
// replaces 3,000 of the bottom layer's files and deletes one directory (image-hidden bytes); the
// container's changes go through the mount, so copy-ups carry the kernel's own xattrs.
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [command, parent] = process.argv.slice(2);
if (parent === undefined || (command !== "make" && command !== "remove")) {
  console.error("usage: node bench/inspect-fixture.mjs make|remove PARENT");
  process.exit(2);
}
const root = join(parent, "inspect-stack");
const merged = join(root, "merged");
const DIRECTORIES = 300;
const FILES_PER_DIRECTORY = 100;

function isMounted(path) {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .some((line) => line.split(" ")[4] === path);
}

function remove() {
  if (isMounted(merged)) execFileSync("umount", [merged]);
  rmSync(root, { recursive: true, force: true });
}

/** A file of a size that varies with its number, so that sums are not a multiple of one size. */
function content(number) {
  return "x".repeat(64 + (number % 1000));
}

/** One image layer: DIRECTORIES × FILES_PER_DIRECTORY files named <prefix><n>. */
function imageLayer(dir, prefix, count = FILES_PER_DIRECTORY, directories = DIRECTORIES) {
  for (let directory = 0; directory < directories; directory++) {
    const path = join(dir, "usr/lib", `d${directory}`);
    mkdirSync(path, { recursive: true });
    for (let file = 0; file < count; file++) writeFileSync(join(path, `${prefix}${file}`), content(directory * count + file));
  }
}

function make() {
  remove();
  const [top, middle, bottom, upper, work] = ["top", "middle", "bottom", "upper", "work"].map((name) => join(root, name));
  for (const dir of [top, middle, bottom, upper, work, merged]) mkdirSync(dir, { recursive: true });
  imageLayer(bottom, "f");
  // The middle layer: 3,000 newer copies of bottom files, 26,900 files of its own, and a whiteout
  // of one bottom directory (its 100 files are image-hidden).
  imageLayer(middle, "f", 10, DIRECTORIES - 1);
  for (let directory = 0; directory < DIRECTORIES - 1; directory++) {
    for (let file = 0; file < 90; file++) writeFileSync(join(middle, "usr/lib", `d${directory}`, `g${file}`), content(file));
  }
  execFileSync("mknod", [join(middle, "usr/lib", `d${DIRECTORIES - 1}`), "c", "0", "0"]);
  for (let file = 0; file < 100; file++) writeFileSync(join(middle, "usr/lib", `m${file}`), content(file));
  imageLayer(top, "h");
  execFileSync("mount", [
    "-t",
    "overlay",
    "overlay",
    "-o",
    `lowerdir=${top}:${middle}:${bottom},upperdir=${upper},workdir=${work}`,
    merged,
  ]);
  // 20,000 copy-ups (the top layer's d299 lies above the whiteout and is shown): append to files the image shows (the kernel copies each up first).
  let copied = 0;
  for (let directory = 0; directory < DIRECTORIES && copied < 20_000; directory++) {
    for (let file = 0; file < 67 && copied < 20_000; file++, copied++) {
      appendFileSync(join(merged, "usr/lib", `d${directory}`, `h${file}`), "+");
    }
  }
  // 80,000 new files.
  for (let directory = 0; directory < 800; directory++) {
    const path = join(merged, "srv/data", `n${directory}`);
    mkdirSync(path, { recursive: true });
    for (let file = 0; file < 100; file++) writeFileSync(join(path, `new${file}`), content(file));
  }
  execFileSync("sync");
  return { merged, layers: [upper, top, middle, bottom] };
}

if (command === "make") process.stdout.write(`${JSON.stringify(make())}\n`);
else remove();
if (command === "remove" && existsSync(root)) process.exit(1);
