// inspect only reads, also for an ordinary user who has never run podman: asked anything by such a
// user, podman makes a store in their home (~/.local/share/containers), run-time dirs in /tmp and a
// pause process that outlives the command. So inspect and cleanup do not ask podman for them: with
// a TARGET (a name, a path), with none, --summary, cleanup: the user's home, /tmp and their
// processes are as they were, and bad input is still one line and exit 2. A TARGET written as a
// path says what it is (no such path; not an overlay mount point), without asking any runtime.
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { inspectWords } from "../../src/inspect/words/index.js";
import { runCli } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";
import { createPodmanUser, type TestUser } from "../helpers/rootless-podman.js";
import { processesOf } from "../helpers/users.js";

/** Every path beneath `dir`, sorted. */
const tree = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
const inTmp = (uid: number): string[] => readdirSync("/tmp").filter((name) => name.endsWith(`-${uid}`));

describeWith(["root", "podman"], "inspect as a user who never ran podman", () => {
  let user: TestUser | undefined;
  const who = (): TestUser => {
    if (user === undefined) throw new Error("the test user was not made");
    return user;
  };
  beforeAll(() => {
    user = createPodmanUser("nostore");
  });
  afterAll(() => user?.remove());

  it("asks no runtime that would make a store: home, /tmp and processes unchanged, whatever is asked", async () => {
    const { uid, home } = who();
    const before = { home: tree(home), tmp: inTmp(uid), processes: processesOf(uid) };
    const env = { HOME: home, XDG_RUNTIME_DIR: `/run/user/${uid}` };
    const words = inspectWords("en");
    const asks: Array<[string[], number, string | undefined]> = [
      [["inspect", "no-such-container"], 2, undefined],
      [["inspect", "/no/such/path"], 2, words.noSuchPath("/no/such/path")],
      [["inspect", tmpdir()], 2, words.notMountPoint(tmpdir())],
      [["inspect"], 0, undefined],
      [["inspect", "--summary", "--json"], 0, undefined],
      [["cleanup"], 0, undefined],
    ];
    for (const [args, code, line] of asks) {
      const result = await runCli(args, { uid, env });
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(code);
      if (code === 2) expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      if (line !== undefined) expect(result.stderr.trim()).toBe(`overlay-lesson: ${line}`);
    }
    expect(tree(home)).toEqual(before.home);
    expect(inTmp(uid)).toEqual(before.tmp);
    expect(processesOf(uid)).toEqual(before.processes);
    expect(readdirSync(join(home, ".config/containers"))).toEqual(["containers.conf"]);
  });
});
