// Defensive reading of the runtimes' JSON. Nothing here trusts a shape: every field is checked
// for its type, and the known differences between the two CLIs are absorbed here:
// - `podman ps/images/history --format json` print one JSON array; docker prints one object per
//   line; `inspect` prints an array in both.
// - keys differ in case (podman history: "id", "size"; docker: "ID", "Size").
// - labels are an object (podman, and `inspect` in both) or a "k=v,k=v" string (docker ps);
//   names are an array (podman) or a comma-separated string (docker ps).
// - docker quotes sizes for humans ("2.1MB") unless asked not to.

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The records in a runtime's JSON output: one array, one object, or one object per line. */
export function parseJsonRecords(stdout: string): JsonRecord[] {
  const text = stdout.trim();
  if (text === "") return [];
  const whole = tryParse(text);
  if (whole.ok) return recordsOf(whole.value);
  const records: JsonRecord[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const parsed = tryParse(line);
    // A line that is not JSON (a warning some CLI versions print on stdout) is not a record.
    if (parsed.ok) records.push(...recordsOf(parsed.value));
  }
  if (records.length === 0) throw new Error(`expected JSON from the container runtime, got: ${text.slice(0, 200)}`);
  return records;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function recordsOf(value: unknown): JsonRecord[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** The first of `keys` present in `record` (the CLIs spell the same field differently). */
function pick(record: JsonRecord | undefined, keys: readonly string[]): unknown {
  if (record === undefined) return undefined;
  for (const key of keys) {
    if (record[key] !== undefined && record[key] !== null) return record[key];
  }
  return undefined;
}

export function recordField(record: JsonRecord | undefined, ...keys: string[]): JsonRecord | undefined {
  const value = pick(record, keys);
  return isRecord(value) ? value : undefined;
}

export function stringField(record: JsonRecord | undefined, ...keys: string[]): string | undefined {
  const value = pick(record, keys);
  return typeof value === "string" ? value : undefined;
}

export function numberField(record: JsonRecord | undefined, ...keys: string[]): number | undefined {
  const value = pick(record, keys);
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return typeof value === "string" ? parseDockerSize(value) : undefined;
}

/** An array of strings, or a comma-separated string (docker ps "Names"). */
export function stringListField(record: JsonRecord | undefined, ...keys: string[]): string[] {
  const value = pick(record, keys);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  if (typeof value === "string") return value === "" ? [] : value.split(",");
  return [];
}

/**
 * Labels as an object of strings, or docker ps's "k=v,k2=v2" string. A value holding a comma is
 * ambiguous in docker's string form; `inspect` (an object in both CLIs) is the exact source.
 */
export function labelsField(record: JsonRecord | undefined, ...keys: string[]): Record<string, string> {
  const value = pick(record, keys);
  const labels: Record<string, string> = {};
  if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) if (typeof item === "string") labels[key] = item;
  } else if (typeof value === "string") {
    for (const pair of value.split(",")) {
      const equals = pair.indexOf("=");
      if (equals > 0) labels[pair.slice(0, equals)] = pair.slice(equals + 1);
    }
  }
  return labels;
}

const DECIMAL_UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** "2099712" → 2099712; docker's human "2.1MB" / "0B" → bytes, to the precision docker printed. */
export function parseDockerSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kKMGT]?B)?\s*$/.exec(text);
  if (match === null) return undefined;
  const unit = DECIMAL_UNITS[(match[2] ?? "B").toUpperCase()] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

/** Docker writes image ids as "sha256:<hex>", podman as "<hex>": compare them without the prefix. */
export function bareId(id: string): string {
  return id.startsWith("sha256:") ? id.slice("sha256:".length) : id;
}
