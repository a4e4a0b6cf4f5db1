import { describe, expect, it } from "vitest";
import { CleanupRegistry } from "../../src/sys/cleanup.js";

describe("cleanup registry", () => {
  it("tears down newest first, and never releases anything twice", () => {
    const registry = new CleanupRegistry();
    const order: string[] = [];
    registry.register({ label: "workspace", release: () => order.push("workspace") });
    registry.register({ label: "mount", release: () => order.push("mount") });
    expect(registry.teardown().map((entry) => entry.label)).toEqual(["mount", "workspace"]);
    expect(registry.teardown()).toEqual([]);
    expect(order).toEqual(["mount", "workspace"]);
  });

  it("goes on when one release fails, and reports it", () => {
    const registry = new CleanupRegistry();
    const order: string[] = [];
    registry.register({ label: "a", release: () => order.push("a") });
    registry.register({
      label: "b",
      release: () => {
        throw new Error("busy");
      },
    });
    const entries = registry.teardown();
    expect(order).toEqual(["a"]);
    expect(entries).toEqual([
      { label: "b", ok: false, error: "busy" },
      { label: "a", ok: true },
    ]);
  });

  it("a released resource leaves the registry; a forgotten one is never released", () => {
    const registry = new CleanupRegistry();
    const order: string[] = [];
    const a = registry.register({ label: "a", release: () => order.push("a") });
    const b = registry.register({ label: "b", release: () => order.push("b") });
    a.release();
    a.release();
    b.forget();
    registry.teardown();
    expect(order).toEqual(["a"]);
  });

  it("a later registration is released by a later teardown (one process, several runs)", () => {
    const registry = new CleanupRegistry();
    const order: string[] = [];
    registry.register({ label: "first", release: () => order.push("first") });
    registry.teardown();
    registry.register({ label: "second", release: () => order.push("second") });
    registry.teardown();
    expect(order).toEqual(["first", "second"]);
  });

  it("keepAll hands everything over", () => {
    const registry = new CleanupRegistry();
    registry.register({
      label: "a",
      release: () => {
        throw new Error("must not run");
      },
    });
    expect(registry.keepAll()).toEqual(["a"]);
    expect(registry.teardown()).toEqual([]);
  });
});
