// [tracking #17] What 导入Word修订 says about an import: 导入 N 处，M 处失去位置, the
// refused ones with the core's reason, and a file without tracked changes.
import { describe, expect, it } from "vitest";
import type { WordChangesImport } from "../../src/bindings/WordChangesImport";
import { importSummary } from "../../src/word-changes";

const result = (found: number, ids: string[], orphaned: string[], refused: { index: number; reason: string }[] = []): WordChangesImport =>
  ({ fileName: "审阅后.docx", found, added: { ids, orphaned, refused } });

describe("importSummary", () => {
  it("counts the placed and the orphaned changes", () => {
    expect(importSummary(result(3, ["a", "b", "c"], ["c"]))).toEqual([
      "审阅后.docx：共有 Word 修订 3 处",
      "导入 3 处，1 处失去位置（原文已变，列在修订列表中，只能拒绝）",
    ]);
  });
  it("says nothing lost when every change found its place", () => {
    expect(importSummary(result(2, ["a", "b"], []))[1]).toBe("导入 2 处，0 处失去位置");
  });
  it("lists a refused change with its number and reason", () => {
    const lines = importSummary(result(2, ["a"], [], [{ index: 1, reason: "不能删除法定部分的标题" }]));
    expect(lines).toContain("第2处未导入：不能删除法定部分的标题");
  });
  it("a file without tracked changes", () => {
    expect(importSummary(result(0, [], []))).toEqual(["审阅后.docx 中没有 Word 修订。"]);
  });
});
