// The UI names commands only through the generated bindings/commands.ts: no
// hand-written command string in api.ts, and every generated function is one
// of the Rust table's commands.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMAND_NAMES, commands } from "../../src/bindings/commands";

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe("the command table in TypeScript", () => {
  it("has one function per command of the Rust table, and no other", () => {
    expect(Object.keys(commands).sort()).toEqual(COMMAND_NAMES.map(camel).sort());
  });

  it("is the only way api.ts reaches the backend", () => {
    const src = readFileSync(new URL("../../src/api.ts", import.meta.url), "utf8");
    expect(src).not.toMatch(/\binvoke\s*\(/);
    expect(src).not.toMatch(/\bcall\s*[<(]/);
    for (const name of COMMAND_NAMES) expect(src).not.toContain(`"${name}"`);
  });

  it("leaves invoke to ipc.ts alone", () => {
    const ipc = readFileSync(new URL("../../src/ipc.ts", import.meta.url), "utf8");
    expect(ipc).toMatch(/invoke<T>\(cmd, args\)/);
  });
});
