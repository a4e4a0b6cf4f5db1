// An ordinary user on a host whose stores are root's: /var/lib/docker (0710), /var/lib/containers
// (0700) and containerd's snapshotter (0700) are there, and the kernel will not let them look in.
// inspect must not say the host has no stores: it names each one it may not look into, says its
// images and containers are not counted, and that sudo would count them, in en, zh and ja, on
// screen and in --json; under --root DIR too (a disk whose stores are root's is not "no store").
// Root, given the same directories, sees into them and names none. The stores are laid out under
// a directory of the test's own, read with --root, as a disk of another machine would be.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { closedStoresText } from "../../src/inspect/summary/closed.js";
import { inspectWords } from "../../src/inspect/words/index.js";
import { displayWidth } from "../../src/runner/report/text.js";
import type { ClosedStore } from "../../src/runtime/index.js";
import { openReport } from "../helpers/browser.js";
import { removeParent, runCli } from "../helpers/cli.js";
import { latinLeft } from "../helpers/latin.js";
import { describeWith } from "../helpers/needs.js";

const NOBODY = 65534;
const LANGS = ["en", "zh", "ja"] as const;

describeWith(["root", "nobody"], "inspect as an ordinary user, where the stores are root's", () => {
  let disk = "";
  beforeEach(() => {
    disk = mkdtempSync(join(tmpdir(), "ol-closed-"));
    chmodSync(disk, 0o755);
    const made = [
      "var/lib/containers/storage/overlay",
      "var/lib/docker/overlay2",
      "var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots",
    ];
    for (const dir of made) mkdirSync(join(disk, dir), { recursive: true });
    // As each runtime leaves them: only root may look in.
    chmodSync(join(disk, "var/lib/containers"), 0o700);
    chmodSync(join(disk, "var/lib/docker"), 0o710);
    chmodSync(join(disk, "var/lib/containerd"), 0o711);
    chmodSync(join(disk, "var/lib/containerd/io.containerd.snapshotter.v1.overlayfs"), 0o700);
  });
  afterEach(() => {
    removeParent(disk);
  });

  const expected = (): ClosedStore[] => [
    { runtime: "containerd", root: join(disk, "var/lib/containerd"), code: "EACCES", needsRoot: true },
    { runtime: "podman", root: join(disk, "var/lib/containers/storage"), code: "EACCES", needsRoot: true },
    { runtime: "docker", root: join(disk, "var/lib/docker"), code: "EACCES", needsRoot: true },
  ];

  it("--summary --json names each store it may not look into; root names none", async () => {
    const result = await runCli(["inspect", "--root", disk, "--summary", "--json"], { uid: NOBODY });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { closedStores: ClosedStore[]; totals: { stores: number } };
    expect(summary.closedStores).toEqual(expected());
    expect(summary.totals.stores).toBe(0);
    const asRoot = await runCli(["inspect", "--root", disk, "--summary", "--json"]);
    expect(asRoot.code, asRoot.stderr).toBe(0);
    expect((JSON.parse(asRoot.stdout) as { closedStores: ClosedStore[] }).closedStores).toEqual([]);
    // Nothing was made or changed by reading.
    expect(readdirSync(join(disk, "var/lib")).sort()).toEqual(["containerd", "containers", "docker"]);
  });

  it.each(LANGS)("on screen (%s): the note, not 'no stores', with --summary and with no TARGET; exit 0", async (lang) => {
    const words = inspectWords(lang);
    const note = closedStoresText(expected(), words).replace(/\s+/g, "");
    const summary = await runCli(["inspect", "--root", disk, "--summary", "--lang", lang], { uid: NOBODY });
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout.replace(/\s+/g, "")).toBe(note);
    expect(summary.stdout).not.toContain(words.summary.noStores);
    const whole = await runCli(["inspect", "--root", disk, "--lang", lang], { uid: NOBODY });
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.stdout.replace(/\s+/g, "")).toContain(note);
    expect(whole.stderr).toBe("");
    // Said in the reader's words: sudo is named, the runtimes and paths are the only Latin left.
    const values = [...expected().flatMap((store) => [store.runtime, store.root]), "sudo", "root"];
    if (lang !== "en") expect(latinLeft(summary.stdout, values)).toEqual([]);
    expect(summary.stdout).toContain("sudo");
    // In a pipe, whole lines; with COLUMNS, fitted to it, as the lessons are.
    expect(summary.stdout.trim().split("\n")).toHaveLength(1);
    const fitted = await runCli(["inspect", "--root", disk, "--summary", "--lang", lang], { uid: NOBODY, env: { COLUMNS: "60" } });
    const rows = fitted.stdout.trimEnd().split("\n");
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) expect(displayWidth(row), row).toBeLessThanOrEqual(60);
  });
});

describeWith(["root", "nobody", "chromium"], "the host page of an ordinary user, where the stores are root's, in Chromium", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ol-closed-page-"));
    chmodSync(dir, 0o777);
    for (const made of ["disk/var/lib/containers/storage/overlay", "disk/var/lib/docker/overlay2"])
      mkdirSync(join(dir, made), { recursive: true });
    chmodSync(join(dir, "disk/var/lib/containers"), 0o700);
    chmodSync(join(dir, "disk/var/lib/docker"), 0o710);
  });
  afterEach(() => {
    removeParent(dir);
  });

  it("says which stores it could not look into, in the page's language, and no 'no stores'", async () => {
    const file = join(dir, "host.html");
    const result = await runCli(["inspect", "--root", join(dir, "disk"), "--summary", "--html", file, "--lang", "ja"], { uid: NOBODY });
    expect(result.code, result.stderr).toBe(0);
    const closed: Array<Omit<ClosedStore, "code">> = [
      { runtime: "podman", root: join(dir, "disk/var/lib/containers/storage"), needsRoot: true },
      { runtime: "docker", root: join(dir, "disk/var/lib/docker"), needsRoot: true },
    ];
    const opened = await openReport(file, dir);
    try {
      const { page } = opened;
      expect(await page.textContent("#closed-stores")).toBe(closedStoresText(closed, inspectWords("ja")));
      expect(await page.textContent("#totals")).toBe("");
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
