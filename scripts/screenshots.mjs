// Regenerates the README's pictures from real runs: each lesson runs in a real terminal (tmux),
// Enter is pressed until the step worth showing is on screen, the screen is captured with its
// colours (capture-pane -e) and turned into an SVG. Needs root (the lessons mount) and tmux.
//   sudo node scripts/screenshots.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/overlay-lesson.js");
const COLS = 100;
const ROWS = 46;

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
];

const tmux = (...args) => execFileSync("tmux", args, { encoding: "utf8" });
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function capture(shot, parent) {
  const session = `ol-shot-${process.pid}`;
  const command = [process.execPath, cli, ...shot.args, "--dir", parent].map((word) => `'${word}'`).join(" ");
  tmux(
    "new-session",
    "-d",
    "-s",
    session,
    "-x",
    String(COLS),
    "-y",
    String(ROWS),
    `env LANG=C.UTF-8 TERM=xterm-256color ${command}; sleep 600`,
  );
  try {
    for (let tries = 0; tries < 200; tries++) {
      const screen = tmux("capture-pane", "-p", "-t", session);
      if (screen.includes(shot.settle)) break;
      if (
        screen.includes("…") &&
        /(Press Enter|按 Enter)/.test(screen.split("\n").filter(Boolean).at(-1) ?? "") &&
        !screen.includes(shot.until)
      ) {
        tmux("send-keys", "-t", session, "Enter");
      }
      await sleep(150);
    }
    await sleep(300);
    const ansi = tmux("capture-pane", "-p", "-e", "-t", session);
    // Finish the lesson so that it tears down, then check nothing is left.
    for (let tries = 0; tries < 100; tries++) {
      const screen = tmux("capture-pane", "-p", "-t", session);
      if (/steps ok|步成功/.test(screen)) break;
      tmux("send-keys", "-t", session, "Enter");
      await sleep(200);
    }
    return ansi;
  } finally {
    tmux("kill-session", "-t", session);
  }
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
for (const shot of SHOTS) {
  const parent = mkdtempSync(join(tmpdir(), "ol-shot-"));
  try {
    const ansi = await capture(shot, parent);
    writeFileSync(join(root, shot.file), toSvg(ansi, `overlay-lesson ${shot.args.join(" ")}`));
    console.log(`wrote ${shot.file}`);
  } finally {
    // rmdir, not rm -r: if the lesson had left anything, this fails loudly instead of
    // deleting through a mount.
    rmdirSync(parent);
  }
}
