// Regenerates the README's pictures from real runs: each lesson runs in a real terminal (tmux),
// Enter is pressed until the step worth showing is on screen (a practice shot types its answer
// at the prompt), the screen is captured with its colours (capture-pane -e) and turned into an
// SVG. Then the lesson is finished (or interrupted) so that it tears down, and its workspace
// parent must be empty. Needs root (the lessons mount) and tmux; the container-demo shot needs
// podman, runc and a static /bin/busybox (it builds a local image and removes it afterwards) and
// is skipped, with the reason, where they are missing.
//   sudo node scripts/screenshots.mjs             every picture
//   sudo node scripts/screenshots.mjs layers      only those whose file name contains "layers"
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/overlay-lesson.js");
const COLS = 100;
const ROWS = 46;
const LAB_IMAGE = "ol-shot-lab";
const MOUNT = "mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work merged";

// until: stop pressing Enter once this is on screen; settle: capture once this is on screen.
// rows: the terminal's height. typeAt: [prompt, lines]: when the prompt shows, type these lines.
// finish: "enter" presses Enter to the end; "interrupt" sends Ctrl-C at the next pause.
const SHOTS = [
  { file: "docs/mount-demo-en.svg", args: ["mount-demo", "--lang", "en"], until: "● Step 7/8", settle: "→ Deleting" },
  { file: "docs/mount-demo-zh.svg", args: ["mount-demo", "--lang", "zh"], until: "● 第 7/8 步", settle: "→ 从镜像层删除" },
  {
    file: "docs/cow-demo-en.svg",
    args: ["cow-demo", "--lang", "en", "--size", "256M", "--trials", "3"],
    until: "● Step 6/8",
    settle: "→ Copy-up happens once",
  },
  {
    file: "docs/cow-demo-zh.svg",
    args: ["cow-demo", "--lang", "zh", "--size", "256M", "--trials", "3"],
    until: "● 第 6/8 步",
    settle: "→ 每个容器的每个文件",
  },
  {
    file: "docs/layers-demo-en.svg",
    args: ["layers-demo", "--lang", "en"],
    until: "● Step 3/6",
    settle: "→ Deleting in a later layer",
    rows: 50,
  },
  { file: "docs/layers-demo-zh.svg", args: ["layers-demo", "--lang", "zh"], until: "● 第 3/6 步", settle: "→ 在后面的层里删除", rows: 50 },
  {
    file: "docs/layers-demo-ja.svg",
    args: ["layers-demo", "--lang", "ja"],
    until: "● ステップ 3/6",
    settle: "→ 後のレイヤーで削除すると",
    rows: 50,
  },
  {
    file: "docs/practice-en.svg",
    args: ["mount-demo", "--lang", "en", "--practice"],
    until: "practice:mount$",
    settle: "→ merged is a live view",
    typeAt: ["practice:mount$ ", [MOUNT, "ls merged", "exit"]],
    finish: "interrupt",
    rows: 34,
  },
  {
    file: "docs/container-demo-en.svg",
    args: ["container-demo", "--lang", "en", "--runtime", "podman", "--image", LAB_IMAGE],
    until: "● Step 5/7",
    settle: "→ rm in a container adds a whiteout",
    podman: true,
    rows: 40,
  },
];

const tmux = (...args) => execFileSync("tmux", args, { encoding: "utf8" });
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const quote = (word) => `'${String(word).replaceAll("'", "'\\''")}'`;
const PAUSE = /(Press Enter|按 Enter|Enter キー)/;
const FINISHED = /EXIT=\d+/;

async function capture(shot, parent, env) {
  const session = `ol-shot-${process.pid}`;
  const command = [process.execPath, cli, ...shot.args, "--dir", parent].map(quote).join(" ");
  const vars = Object.entries({ LANG: "C.UTF-8", TERM: "xterm-256color", ...env })
    .map(([key, value]) => `${key}=${quote(value)}`)
    .join(" ");
  const rows = shot.rows ?? ROWS;
  tmux("new-session", "-d", "-s", session, "-x", String(COLS), "-y", String(rows), `env ${vars} ${command}; echo "EXIT=$?"; sleep 600`);
  const screen = () => tmux("capture-pane", "-p", "-t", session);
  const lastLine = (text) => text.split("\n").filter(Boolean).at(-1) ?? "";
  const type = (text) => {
    tmux("send-keys", "-t", session, "-l", text);
    tmux("send-keys", "-t", session, "Enter");
  };
  try {
    let typed = shot.typeAt === undefined;
    for (let tries = 0; tries < 300; tries++) {
      const now = screen();
      if (now.includes(shot.settle)) break;
      if (FINISHED.test(now)) throw new Error(`${shot.file}: the lesson ended before "${shot.settle}" showed:\n${now}`);
      if (!typed && lastLine(now) === shot.typeAt[0].trimEnd()) {
        for (const line of shot.typeAt[1]) {
          type(line);
          await sleep(400);
        }
        typed = true;
      } else if (now.includes("…") && PAUSE.test(lastLine(now)) && !now.includes(shot.until)) {
        tmux("send-keys", "-t", session, "Enter");
      }
      await sleep(150);
    }
    await sleep(300);
    const ansi = tmux("capture-pane", "-p", "-e", "-t", session);
    // Finish the lesson so that it tears down; wait for its exit before the parent is checked.
    for (let tries = 0; tries < 300; tries++) {
      const now = screen();
      if (FINISHED.test(now)) break;
      if (PAUSE.test(lastLine(now))) {
        if (shot.finish === "interrupt") tmux("send-keys", "-t", session, "C-c");
        else tmux("send-keys", "-t", session, "Enter");
      }
      await sleep(200);
    }
    if (!FINISHED.test(screen())) throw new Error(`${shot.file}: the lesson did not end:\n${screen()}`);
    return ansi;
  } finally {
    tmux("kill-session", "-t", session);
  }
}

/** Whether podman can run the container-demo shot here, and the environment it needs (DESIGN.md, Facts). */
function podmanSetup() {
  const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
  if (!has("podman")) return { reason: "podman is not installed (apt-get install podman runc busybox-static)" };
  if (!has("runc")) return { reason: "runc is not installed (apt-get install runc)" };
  const head = (() => {
    try {
      return readFileSync("/bin/busybox").subarray(0, 4096).toString("latin1");
    } catch {
      return "";
    }
  })();
  if (!head.startsWith("\x7fELF") || /ld-linux|ld-musl|ld\.so/.test(head))
    return { reason: "/bin/busybox is missing or not static (apt-get install busybox-static)" };
  const dir = mkdtempSync(join(tmpdir(), "ol-shot-podman-"));
  const env = { BUILDAH_ISOLATION: "chroot" };
  if (process.env.CONTAINERS_CONF === undefined) {
    env.CONTAINERS_CONF = join(dir, "containers.conf");
    writeFileSync(
      env.CONTAINERS_CONF,
      '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]\n\n[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\n',
    );
  }
  const podman = (...args) =>
    execFileSync("podman", args, { encoding: "utf8", env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let driver;
  try {
    driver = podman("info", "--format", "{{.Store.GraphDriverName}}").trim();
  } catch (error) {
    return {
      reason: `podman does not work here: ${
        String(error.stderr ?? error.message)
          .trim()
          .split("\n")[0]
      }`,
      dir,
    };
  }
  if (driver !== "overlay") return { reason: `podman's storage driver is ${driver}, not overlay`, dir };
  for (const image of [LAB_IMAGE, `${LAB_IMAGE}-base`]) {
    if (podman("images", "-q", image).trim() !== "") return { reason: `an image named ${image} exists already: not ours to replace`, dir };
  }
  return { env, dir, podman };
}

/** The README's recipe: a busybox base by podman import, then one RUN that makes /data/blob. */
function buildLabImage({ dir, podman }) {
  const rootfs = join(dir, "rootfs");
  for (const sub of ["bin", "etc", "tmp"]) mkdirSync(join(rootfs, sub), { recursive: true });
  copyFileSync("/bin/busybox", join(rootfs, "bin/busybox"));
  for (const applet of execFileSync("/bin/busybox", ["--list"], { encoding: "utf8" }).split("\n")) {
    if (/^[\w.[-]+$/.test(applet) && applet !== "busybox") symlinkSync("busybox", join(rootfs, "bin", applet));
  }
  writeFileSync(join(rootfs, "etc/os-release"), 'NAME="lab"\nID=lab\n');
  execFileSync("tar", ["-C", rootfs, "-cf", join(dir, "base.tar"), "."]);
  podman("import", "--quiet", join(dir, "base.tar"), `${LAB_IMAGE}-base`);
  writeFileSync(join(dir, "Containerfile"), `FROM ${LAB_IMAGE}-base\nRUN mkdir /data && dd if=/dev/zero of=/data/blob bs=64k count=16\n`);
  podman("build", "--quiet", "-t", LAB_IMAGE, "-f", join(dir, "Containerfile"), dir);
}

const PALETTE = { 30: "#1e1e1e", 31: "#e06c75", 32: "#98c379", 33: "#e5c07b", 34: "#61afef", 35: "#c678dd", 36: "#56b6c2", 37: "#dcdfe4" };
const BRIGHT = { 90: "#7f848e", 91: "#ff7b86", 92: "#b5e890", 93: "#ffd68a", 94: "#82c4ff", 95: "#de9bf0", 96: "#7fd7e0", 97: "#ffffff" };

function isWide(code) {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

// ANSI colour escapes (ESC [ … m): built from a string so the pattern holds no raw control byte.
const ESC = String.fromCharCode(27);
const SGR_SPLIT = new RegExp(`(${ESC}\\[[0-9;]*m)`);
const SGR = new RegExp(`^${ESC}\\[([0-9;]*)m$`);

const escapeXml = (text) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** ANSI (SGR only, as tmux emits) to an SVG of monospace cells; wide characters take two. */
function toSvg(ansi, title) {
  const cell = 8.6;
  const lineHeight = 18;
  const pad = 14;
  const lines = ansi.replace(/\n+$/, "").split("\n");
  const parts = [];
  lines.forEach((raw, row) => {
    let style = { fg: "#dcdfe4", bold: false, dim: false, italic: false, underline: false };
    let column = 0;
    const y = pad + 24 + row * lineHeight + 13;
    for (const token of raw.split(SGR_SPLIT)) {
      const sgr = SGR.exec(token);
      if (sgr) {
        const codes = sgr[1] === "" ? [0] : sgr[1].split(";").map(Number);
        for (let index = 0; index < codes.length; index++) {
          const code = codes[index];
          if (code === 0) style = { fg: "#dcdfe4", bold: false, dim: false, italic: false, underline: false };
          else if (code === 1) style.bold = true;
          else if (code === 2) style.dim = true;
          else if (code === 3) style.italic = true;
          else if (code === 4) style.underline = true;
          else if (code === 22) style.bold = style.dim = false;
          else if (code === 23) style.italic = false;
          else if (code === 24) style.underline = false;
          else if (code === 39) style.fg = "#dcdfe4";
          else if (PALETTE[code]) style.fg = PALETTE[code];
          else if (BRIGHT[code]) style.fg = BRIGHT[code];
          else if (code === 38 && codes[index + 1] === 5) index += 2;
        }
        continue;
      }
      // Runs of narrow and of wide characters are placed separately so columns stay aligned.
      for (const run of token.match(
        /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|[^\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+/g,
      ) ?? []) {
        const width = [...run].reduce((sum, char) => sum + (isWide(char.codePointAt(0)) ? 2 : 1), 0);
        // Each word sits at its own column with its exact width: spaces are never stretched.
        let offset = 0;
        for (const piece of run.split(/( +)/)) {
          const pieceWidth = [...piece].reduce((sum, char) => sum + (isWide(char.codePointAt(0)) ? 2 : 1), 0);
          if (piece.trim() !== "" && isWide(piece.codePointAt(0))) {
            // Wide characters one by one, each on its own two cells: renderers disagree on how
            // to stretch a CJK run, but never on where a single glyph starts.
            let charOffset = 0;
            for (const char of piece) {
              const x = (pad + (column + offset + charOffset) * cell).toFixed(1);
              const weight = style.bold ? ` font-weight="bold"` : "";
              const opacity = style.dim ? ` opacity="0.6"` : "";
              parts.push(`<text x="${x}" y="${y}" fill="${style.fg}"${weight}${opacity}>${escapeXml(char)}</text>`);
              charOffset += 2;
            }
          } else if (piece.trim() !== "") {
            const attrs = [
              `x="${(pad + (column + offset) * cell).toFixed(1)}"`,
              `y="${y}"`,
              `fill="${style.fg}"`,
              style.bold ? `font-weight="bold"` : "",
              style.dim ? `opacity="0.6"` : "",
              style.italic ? `font-style="italic"` : "",
              style.underline ? `text-decoration="underline"` : "",
              `textLength="${(pieceWidth * cell).toFixed(1)}" lengthAdjust="spacingAndGlyphs"`,
            ].filter(Boolean);
            parts.push(`<text ${attrs.join(" ")}>${escapeXml(piece)}</text>`);
          }
          offset += pieceWidth;
        }
        column += width;
      }
    }
  });
  const width = pad * 2 + COLS * cell;
  const height = pad * 2 + 24 + lines.length * lineHeight;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'DejaVu Sans Mono','Noto Sans Mono CJK SC','Noto Sans CJK SC',Menlo,Consolas,monospace" font-size="14">
<title>${escapeXml(title)}</title>
<rect width="100%" height="100%" rx="8" fill="#282c34"/>
<circle cx="20" cy="18" r="5" fill="#ff5f56"/><circle cx="38" cy="18" r="5" fill="#ffbd2e"/><circle cx="56" cy="18" r="5" fill="#27c93f"/>
${parts.join("\n")}
</svg>
`;
}

if (process.getuid?.() !== 0) {
  console.error("screenshots: the lessons mount overlays: run as root");
  process.exit(2);
}
const only = process.argv[2];
const shots = SHOTS.filter((shot) => only === undefined || shot.file.includes(only));
let lab;
try {
  if (shots.some((shot) => shot.podman)) {
    lab = podmanSetup();
    if (lab.podman !== undefined) buildLabImage(lab);
    else console.log(`skipping container-demo: ${lab.reason}`);
  }
  for (const shot of shots) {
    if (shot.podman && lab?.podman === undefined) continue;
    const parent = mkdtempSync(join(tmpdir(), "ol-shot-"));
    // Practice progress goes to a state dir of the script's own, not to root's.
    const state = mkdtempSync(join(tmpdir(), "ol-shot-state-"));
    try {
      const env = { XDG_STATE_HOME: state, SHELL: "/bin/bash", ...(shot.podman ? lab.env : {}) };
      const ansi = await capture(shot, parent, env);
      writeFileSync(join(root, shot.file), toSvg(ansi, `overlay-lesson ${shot.args.join(" ")}`));
      console.log(`wrote ${shot.file}`);
    } finally {
      // rmdir, not rm -r: if the lesson had left anything, this fails loudly instead of
      // deleting through a mount.
      rmdirSync(parent);
      rmSync(state, { recursive: true, force: true });
    }
  }
} finally {
  if (lab?.podman !== undefined) lab.podman("rmi", "--force", "--ignore", LAB_IMAGE, `${LAB_IMAGE}-base`);
  if (lab?.dir !== undefined) rmSync(lab.dir, { recursive: true, force: true });
}
