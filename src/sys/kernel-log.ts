// The kernel's log, read as dmesg reads it (/dev/kmsg), to quote what the kernel itself said about
// something we just did. mount(8) from util-linux before 2.39 uses mount(2), which returns only an
// errno: "wrong fs type, bad option…" is all it can print, and overlayfs puts its real reason
// ("overlay with incompat feature 'volatile' cannot be mounted") in the log. Each record carries a
// sequence number, so "what was logged since" is exact, whatever came before it.
//
// Reading it needs root (kernel.dmesg_restrict=1, the default on Debian and Ubuntu, and always
// from a user namespace): where it cannot be read, there is no mark and callers say so.
import { closeSync, constants, openSync, readSync } from "node:fs";

export interface KernelRecord {
  sequence: number;
  /** The message, without its priority and time stamp ("overlayfs: …"). */
  text: string;
}

/** Every record the log still holds, oldest first; undefined when this process may not read it. */
function readRecords(): KernelRecord[] | undefined {
  let fd: number;
  try {
    fd = openSync("/dev/kmsg", constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  const records: KernelRecord[] = [];
  // One read returns one record; a record is at most a few KiB.
  const buffer = Buffer.alloc(16 * 1024);
  try {
    for (;;) {
      let length: number;
      try {
        length = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        const code = error instanceof Error && "code" in error ? error.code : undefined;
        // EPIPE: records were overwritten since the last read; the next read goes on from the oldest.
        if (code === "EPIPE") continue;
        if (code === "EAGAIN") break;
        return undefined;
      }
      const record = parseRecord(buffer.subarray(0, length).toString("utf8"));
      if (record !== undefined) records.push(record);
    }
  } finally {
    closeSync(fd);
  }
  return records;
}

/** "6,391,1617154423,-;overlayfs: text\n KEY=value…" → sequence 391, "overlayfs: text". */
export function parseRecord(raw: string): KernelRecord | undefined {
  const semicolon = raw.indexOf(";");
  const sequence = Number(raw.slice(0, semicolon).split(",")[1]);
  if (semicolon === -1 || !Number.isInteger(sequence)) return undefined;
  return { sequence, text: raw.slice(semicolon + 1).split("\n")[0] ?? "" };
}

/** Where the log stands now (the last record's sequence number), or undefined where it cannot be read. */
export function kernelLogMark(): number | undefined {
  const records = readRecords();
  return records === undefined ? undefined : (records.at(-1)?.sequence ?? -1);
}

/** The messages logged after `mark` whose text starts with `prefix`, oldest first ([] where the log cannot be read). */
export function kernelLogSince(mark: number, prefix: string): string[] {
  return (readRecords() ?? []).filter((record) => record.sequence > mark && record.text.startsWith(prefix)).map((record) => record.text);
}
