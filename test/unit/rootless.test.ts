// Why rootless mode cannot run, said exactly: each switch that turns unprivileged user
// namespaces off, given as host facts (this kernel cannot be made Ubuntu 24.04 for a test),
// and the real answer of this machine, which CI needs to be "it can".
import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { ja } from "../../src/i18n/ja.js";
import { zh } from "../../src/i18n/zh.js";
import { type HostFacts, hostFacts, rootlessProblem, rootlessRefusal } from "../../src/sys/userns.js";

const SUDO = "sudo /usr/bin/node /opt/overlay-lesson.js mount-demo";

function facts(overrides: Partial<HostFacts> & { sysctls?: Record<string, string> } = {}): HostFacts {
  const { sysctls = {}, ...rest } = overrides;
  return {
    unshare: "/usr/bin/unshare",
    kernelRelease: "6.8.0-45-generic",
    sysctl: (path) => sysctls[path],
    probe: () => ({ ok: true, detail: "" }),
    ...rest,
  };
}

describe("rootless mode: can it run here, and if not, why", () => {
  it.each([
    ["no unshare", facts({ unshare: undefined }), "no-unshare", /util-linux/],
    ["a kernel before 5.11", facts({ kernelRelease: "5.10.0-28-amd64" }), "old-kernel", /5\.11.*5\.10\.0-28-amd64/],
    [
      "Ubuntu 24.04's AppArmor",
      facts({ sysctls: { "/proc/sys/kernel/apparmor_restrict_unprivileged_userns": "1" } }),
      "apparmor",
      /kernel\.apparmor_restrict_unprivileged_userns=0/,
    ],
    [
      "RHEL's max_user_namespaces=0",
      facts({ sysctls: { "/proc/sys/user/max_user_namespaces": "0" } }),
      "max-user-namespaces",
      /user\.max_user_namespaces/,
    ],
    [
      "old Debian's userns_clone=0",
      facts({ sysctls: { "/proc/sys/kernel/unprivileged_userns_clone": "0" } }),
      "userns-clone",
      /unprivileged_userns_clone=1/,
    ],
    [
      "a container that forbids it",
      facts({ probe: () => ({ ok: false, detail: "unshare failed: Operation not permitted" }) }),
      "denied",
      /Operation not permitted.*container/,
    ],
  ] as const)("%s", (_name, host, kind, pattern) => {
    expect(rootlessProblem(host)?.kind).toBe(kind);
    for (const t of [en, zh, ja]) {
      const line = rootlessRefusal(t, SUDO, host) ?? "";
      expect(line).toContain(SUDO);
      expect(line).not.toContain("\n");
    }
    expect(rootlessRefusal(en, SUDO, host)).toMatch(pattern);
  });

  it("an allowed host has no problem", () => {
    expect(rootlessProblem(facts({ sysctls: { "/proc/sys/kernel/unprivileged_userns_clone": "1" } }))).toBeUndefined();
  });

  it("this machine (and CI, the same kind) can run lessons rootless", () => {
    expect(rootlessProblem(hostFacts())).toBeUndefined();
  });
});
