// Removing a user a test made (test/helpers/rootless-podman.ts), whatever it left running: their
// processes are ended by pid (the podman pause process that holds their namespaces, conmon, their
// containers), then their subordinate id ranges, then the user and their home (a rootless store
// holds files of their subordinate ids, which userdel may leave), and their runtime dir.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const run = (program: string, args: readonly string[]) =>
  spawnSync(program, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });

/** The processes running as `uid`, by pid. */
export function processesOf(uid: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return statSync(`/proc/${pid}`).uid === uid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The ranges /etc/subuid or /etc/subgid gives `name`, as usermod takes them ("FIRST-LAST"). */
export function subordinateRanges(file: string, name: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.startsWith(`${name}:`))
    .map((line) => {
      const [, first = "0", count = "0"] = line.split(":");
      return `${first}-${Number(first) + Number(count) - 1}`;
    });
}

/** Remove `name` and everything of theirs; nothing to do when there is no such user. */
export function removeTestUser(name: string): void {
  const id = run("id", ["-u", name]);
  if (id.status !== 0) return;
  const uid = Number(id.stdout.trim());
  const home = run("getent", ["passwd", name]).stdout.split(":")[5];
  for (let round = 0; round < 3 && processesOf(uid).length > 0; round++) {
    for (const pid of processesOf(uid)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone already
      }
    }
    spawnSync("sleep", ["0.2"]);
  }
  for (const range of subordinateRanges("/etc/subuid", name)) run("usermod", ["--del-subuids", range, name]);
  for (const range of subordinateRanges("/etc/subgid", name)) run("usermod", ["--del-subgids", range, name]);
  run("userdel", ["--remove", name]);
  if (home?.startsWith("/home/")) rmSync(home, { recursive: true, force: true });
  rmSync(`/run/user/${uid}`, { recursive: true, force: true });
  // Podman's per-user scratch dirs, made in the temp dir (the suite's, or /tmp where TMPDIR was lost).
  for (const dir of new Set([tmpdir(), "/tmp"])) {
    for (const scratch of ["containers-user", "podman-run", "storage-run"])
      rmSync(join(dir, `${scratch}-${uid}`), { recursive: true, force: true });
  }
}
