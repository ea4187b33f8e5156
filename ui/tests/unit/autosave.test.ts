import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Saver, type SaveStatus } from "../../src/editor/autosave";
import type { Document } from "../../src/bindings/Document";

const doc = { issuer: "x" } as unknown as Document;

function setup(impl: (expected: number | null) => Promise<{ id: string; version: number; updated_at: string }>) {
  const statuses: SaveStatus[] = [];
  const save = vi.fn((_id: string, expected: number | null) => impl(expected));
  const saver = new Saver({ id: "r1", version: 1, save, snapshot: () => doc, onStatus: (s) => statuses.push(s), debounceMs: 1000, retryMs: 5000 });
  return { saver, save, statuses };
}

describe("autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once, 1 s after the last of several changes, naming the version it edited", async () => {
    let v = 1;
    const { saver, save, statuses } = setup(async () => ({ id: "r1", version: ++v, updated_at: "" }));
    saver.changed();
    await vi.advanceTimersByTimeAsync(600);
    saver.changed();
    await vi.advanceTimersByTimeAsync(900);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][1]).toBe(1);
    expect(statuses.at(-1)?.kind).toBe("saved");
    saver.changed();
    await vi.advanceTimersByTimeAsync(1100);
    expect(save.mock.calls[1][1]).toBe(2);
  });

  it("keeps the edits after a failure and retries by itself", async () => {
    let fail = true;
    const { saver, save, statuses } = setup(async () => {
      if (fail) throw { code: "busy", message: "资料库正被其他程序占用，请稍后再试" };
      return { id: "r1", version: 2, updated_at: "" };
    });
    saver.changed();
    await vi.advanceTimersByTimeAsync(1000);
    expect(statuses.at(-1)).toMatchObject({ kind: "failed", error: { message: "资料库正被其他程序占用，请稍后再试" } });
    expect(saver.hasUnsaved).toBe(true);
    fail = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(statuses.at(-1)?.kind).toBe("saved");
    expect(saver.hasUnsaved).toBe(false);
  });

  it("a change made while saving is saved afterwards", async () => {
    let release: () => void = () => {};
    let v = 1;
    const { saver, save } = setup(() => new Promise((ok) => (release = () => ok({ id: "r1", version: ++v, updated_at: "" }))));
    saver.changed();
    await vi.advanceTimersByTimeAsync(1000);
    saver.changed(); // typed during the save
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.hasUnsaved).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(saver.hasUnsaved).toBe(false);
  });

  it("a conflict waits for the user instead of overwriting; overwrite sends no version", async () => {
    const { saver, save, statuses } = setup(async (expected) => {
      if (expected !== null) throw { code: "conflict", message: "报告已被其他窗口或命令行修改" };
      return { id: "r1", version: 9, updated_at: "" };
    });
    saver.changed();
    await vi.advanceTimersByTimeAsync(1000);
    expect(statuses.at(-1)?.kind).toBe("conflict");
    saver.changed();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save).toHaveBeenCalledTimes(1);
    expect(await saver.overwrite()).toBe(true);
    expect(save.mock.calls[1][1]).toBeNull();
  });

  it("flush saves at once and reports whether everything is saved", async () => {
    const { saver, save } = setup(async () => ({ id: "r1", version: 2, updated_at: "" }));
    saver.changed();
    expect(await saver.flush()).toBe(true);
    expect(save).toHaveBeenCalledTimes(1);
  });
});
