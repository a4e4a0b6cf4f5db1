// The commands we print for the reader to type carry sudo only where their shell is not root's:
// run with sudo (SUDO_USER set) they do; from a root shell, which may have no sudo at all, they
// do not. Rootless mode's namespace maps the host uid that started it: hostUid reads it back.
import { expect, it } from "vitest";
import { asTyped, readerIsRoot } from "../../src/sys/sudo.js";
import { hostUid } from "../../src/sys/userns.js";
import { describeWith } from "../helpers/needs.js";

const FIX = "start the daemon (sudo systemctl start docker, or sudo dockerd &), or use --runtime podman";

describeWith(["root"], "commands as the reader types them, as root", () => {
  it("from a root shell: no sudo in them", () => {
    expect(readerIsRoot({ SUDO_USER: "" })).toBe(true);
    expect(asTyped(FIX, {})).toBe("start the daemon (systemctl start docker, or dockerd &), or use --runtime podman");
  });

  it("run with sudo: kept as written", () => {
    expect(readerIsRoot({ SUDO_USER: "learner" })).toBe(false);
    expect(asTyped(FIX, { SUDO_USER: "learner" })).toBe(FIX);
  });

  it("outside a user namespace, the host uid is ours", () => {
    expect(hostUid()).toBe(0);
  });
});
