// Every user-facing message, read as text: the Rust error messages of all
// crates (`#[error("…")]`, `AppError::new(…, "…")`, Chinese `format!` texts)
// and the Chinese strings of ui/src. None may double a word (内容内容), double
// or stack punctuation (））, 。：, ，，) or leave a bracket or quote unclosed.
// [polish #20]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { comparisonSummary } from "../../src/history";
import { inParens } from "../../src/report/status-line";
import type { Comparison } from "../../src/bindings/Comparison";

const ROOT = resolve(__dirname, "../../..");
const CJK = /[\u3400-\u9fff]/;

function files(dir: string, ext: string, skip: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (skip(p)) continue;
    if (statSync(p).isDirectory()) out.push(...files(p, ext, skip));
    else if (p.endsWith(ext)) out.push(p);
  }
  return out;
}

interface Message {
  where: string;
  text: string;
}

/** Rust: the messages users read, outside tests. */
function rustMessages(): Message[] {
  const out: Message[] = [];
  const skip = (p: string) => /\/(target|tests|fuzz|node_modules)$/.test(p) || /\/(tests|testing)\.rs$/.test(p);
  for (const f of files(join(ROOT, "crates"), ".rs", skip)) {
    let src = readFileSync(f, "utf8");
    // Unit tests at the end of a module are not messages.
    const t = src.search(/#\[cfg\(test\)\]\s*mod /);
    if (t >= 0) src = src.slice(0, t);
    // Display strings of error types, AppError messages and the import's
    // messages to the user (`message: format!(…)`): not patterns or data.
    const lit = /(?:#\[error\(\s*|AppError::new\([^,]*,\s*(?:format!\()?|message:\s*(?:format!\()?\s*)"((?:[^"\\]|\\.)*)"/g;
    for (const m of src.matchAll(lit)) {
      const text = m[1];
      if (!CJK.test(text)) continue;
      const line = src.slice(0, m.index).split("\n").length;
      out.push({ where: `${relative(ROOT, f)}:${line}`, text });
    }
  }
  return out;
}

/** UI: string and template literals with Chinese text, generated bindings aside. */
function uiMessages(): Message[] {
  const out: Message[] = [];
  const skip = (p: string) => /\/(bindings|testing)$/.test(p);
  for (const f of files(join(ROOT, "ui/src"), ".ts", skip)) {
    const src = readFileSync(f, "utf8");
    const lit = /"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
    for (const m of src.matchAll(lit)) {
      const text = m[1] ?? m[2];
      if (!CJK.test(text)) continue;
      const line = src.slice(0, m.index).split("\n").length;
      out.push({ where: `${relative(ROOT, f)}:${line}`, text });
    }
  }
  return out;
}

/** What is wrong with one message, or null. Placeholders ({x}, ${x}) count as words of their own. */
export function problem(raw: string): string | null {
  const text = raw.replace(/\$\{[^}]*\}/g, "⟨x⟩").replace(/\{[a-z_.:0-9?#]*\}/g, "⟨x⟩");
  const doubled = /([\u3400-\u9fff]{2,})\1/.exec(text);
  if (doubled) return `doubled word “${doubled[1]}”`;
  const stacked = /（（|））|“（（|。：|：：|。。|，，|、、|；；|，。|。，|：。/.exec(text);
  if (stacked) return `stacked punctuation “${stacked[0]}”`;
  for (const [open, close] of [["（", "）"], ["“", "”"], ["《", "》"], ["【", "】"]]) {
    let depth = 0;
    for (const c of text) {
      if (c === open) depth++;
      else if (c === close && --depth < 0) break;
    }
    if (depth !== 0) return `unbalanced ${open}${close}`;
  }
  return null;
}

/**
 * Literals that are pieces of one message put together in code (the opening
 * bracket in one literal, the closing one in the next): checked as joined.
 */
const PIECES: RegExp[] = [/^（$/, /^）$/, /^“$/, /^”$/, /^》$/, /^《$/];

describe("user-facing messages", () => {
  it("the checker itself catches the kinds of faults issue #20 found", () => {
    expect(problem("第1版与当前内容内容相同")).toMatch(/doubled/);
    expect(problem("漏了内容。：“2.…”")).toMatch(/stacked/);
    expect(problem("上限200字））。")).toMatch(/stacked|unbalanced/);
    expect(problem("{what}过长（{len}字，上限{max}字）")).toBeNull();
    expect(problem("请先送审，审阅后再定稿")).toBeNull();
  });

  it("no Rust message (Display strings of every crate) has doubled words or brackets", () => {
    const all = rustMessages();
    expect(all.length).toBeGreaterThan(100);
    const bad = all
      .filter((m) => !PIECES.some((p) => p.test(m.text)))
      .map((m) => ({ ...m, why: problem(m.text) }))
      .filter((m) => m.why !== null);
    expect(bad.map((m) => `${m.where}: ${m.why}: ${m.text}`)).toEqual([]);
  });

  it("no UI string in ui/src has doubled words or brackets", () => {
    const all = uiMessages();
    expect(all.length).toBeGreaterThan(300);
    const bad = all
      .filter((m) => !PIECES.some((p) => p.test(m.text)))
      .map((m) => ({ ...m, why: problem(m.text) }))
      .filter((m) => m.why !== null);
    expect(bad.map((m) => `${m.where}: ${m.why}: ${m.text}`)).toEqual([]);
  });

  it("composed messages read once: 第1版与当前内容相同, 保存失败（段落过长，501字，上限500字）", () => {
    const same = { blocks: [], stats: { added: 0, removed: 0, changed: 0, chars_added: 0, chars_removed: 0 } } as unknown as Comparison;
    expect(comparisonSummary(same, "第1版", "当前内容")).toBe("第1版与当前内容相同");
    expect(comparisonSummary(same, "第1版", "第2版")).toBe("第1版与第2版内容相同");
    expect(inParens("段落过长（501字，上限500字）")).toBe("（段落过长，501字，上限500字）");
    expect(inParens("标题过长（210字，上限200字）。")).toBe("（标题过长，210字，上限200字）");
    expect(inParens("磁盘空间不足，保存失败；已保存的内容不受影响")).toBe("（磁盘空间不足，保存失败；已保存的内容不受影响）");
    for (const s of [comparisonSummary(same, "第1版", "当前内容"), `保存失败${inParens("段落过长（501字，上限500字）")}`]) expect(problem(s)).toBeNull();
  });
});
