// What a failed command's output is quoted as in a one-line error (src/sys/exec.ts).
import { describe, expect, it } from "vitest";
import { errorLine, firstLine } from "../../src/sys/exec.js";

// podman pull, without a registry (as on these machines): its notes first, the error last.
const PODMAN_PULL = `Resolved "alpine" as an alias (/etc/containers/registries.conf.d/shortnames.conf)
Trying to pull docker.io/library/alpine:latest...
Error: initializing source docker://alpine:latest: pinging container registry registry-1.docker.io: dial tcp: lookup registry-1.docker.io: no such host
`;

describe("errorLine", () => {
  it("quotes a runtime's error, not the note it printed first", () => {
    expect(firstLine(PODMAN_PULL)).toMatch(/^Resolved "alpine"/);
    expect(errorLine(PODMAN_PULL)).toBe(
      "initializing source docker://alpine:latest: pinging container registry registry-1.docker.io: dial tcp: lookup registry-1.docker.io: no such host",
    );
  });

  it("keeps docker's 'Error response from daemon', and the first line of what has no error line", () => {
    expect(errorLine("Error response from daemon: No such container: web\n")).toBe("Error response from daemon: No such container: web");
    expect(errorLine("\nmount: /x: special device overlay does not exist.\n  dmesg(1) may have more\n")).toBe(
      "mount: /x: special device overlay does not exist.",
    );
    expect(errorLine("")).toBe("");
  });
});
