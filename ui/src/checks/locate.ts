// Findings → ProseMirror positions, grouping and outline counts. Pure functions
// (unit-tested): the panel and the decoration plugin build on them.
//
// A finding names a node (paragraph, section or part id, "title" or "meta:…")
// and a range of Unicode scalar (char) offsets into that node's text. The
// editor counts UTF-16 units, so a character outside the BMP (𠀀) is two.
import type { Node as PMNode } from "prosemirror-model";
import type { Category } from "../bindings/Category";
import type { Finding } from "../bindings/Finding";
import type { Severity } from "../bindings/Severity";
import { T, sectionLevel } from "../editor/schema";

/** Where a node's text is in the editor. */
export interface Place {
  /** Text nodes (paragraphs, section headings): position of the first character. */
  start: number;
  text: string;
  /** "text": an editable text block; "atom": a generated node (part heading, title). */
  kind: "text" | "atom";
  /** The atom's position (its size is 1). */
  atomPos: number;
  /** The part it belongs to, if any. */
  part: string | null;
  /** Enclosing sections, outermost first (a section heading includes its own section). */
  sections: string[];
}

export type DocIndex = Map<string, Place>;

/** Every id-bearing text of the document with its position. */
export function indexDoc(doc: PMNode): DocIndex {
  const out: DocIndex = new Map();
  let part: string | null = null;
  const chain: string[] = [];
  const walk = (node: PMNode, pos: number): void => {
    node.forEach((c, off) => {
      const at = pos + off;
      if (c.type === T.title) {
        const place: Place = { start: at, text: c.attrs.text as string, kind: "atom", atomPos: at, part: null, sections: [] };
        out.set("title", place);
        // Metadata lives in the 报告信息 panel; its findings point at the title block.
        for (const m of ["issuer", "addressee", "doc_number", "signer", "signature", "note"]) out.set(`meta:${m}`, { ...place, text: "" });
      } else if (c.type === T.part) {
        part = c.attrs.id as string;
        const heading = c.firstChild;
        if (heading && heading.type === T.partHeading)
          out.set(part, { start: at + 1, text: heading.attrs.text as string, kind: "atom", atomPos: at + 1, part, sections: [] });
        walk(c, at + 1);
        part = null;
      } else if (sectionLevel(c.type)) {
        chain.push(c.attrs.id as string);
        const heading = c.firstChild;
        if (heading) out.set(c.attrs.id as string, { start: at + 2, text: heading.textContent, kind: "text", atomPos: at + 1, part, sections: [...chain] });
        walk(c, at + 1);
        chain.pop();
      } else if (c.type === T.paragraph) {
        const id = c.attrs.id as string | null;
        if (id !== null) out.set(id, { start: at + 1, text: c.textContent, kind: "text", atomPos: at, part, sections: [...chain] });
      } else if (c.type === T.attachment) {
        // [#16] an 附件's title (its own id, as the core names it) and its text;
        // the 附件 counts its findings like a section (its outline badge).
        const id = c.attrs.id as string;
        const title = c.firstChild;
        chain.push(id);
        if (title) out.set(id, { start: at + 2, text: title.textContent, kind: "text", atomPos: at + 1, part: null, sections: [...chain] });
        walk(c, at + 1);
        chain.pop();
      } else if (c.type === T.preface || c.type === T.closing || c.type.spec.tableRole) {
        // [tables #21] a table's cells hold paragraphs like any other.
        walk(c, at + 1);
      }
    });
  };
  walk(doc, 0);
  return out;
}

/** UTF-16 offset of the `chars`-th Unicode scalar of `text` (clamped to its end). */
export function charToUtf16(text: string, chars: number): number {
  let i = 0;
  let n = 0;
  while (n < chars && i < text.length) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    n++;
  }
  return i;
}

export interface Located {
  from: number;
  to: number;
  /** "inline": a range of editable text; "node": a generated block (part heading, title). */
  kind: "inline" | "node";
  /** Whether the editor can apply the finding's fix (its text is editable). */
  editable: boolean;
}

/**
 * The finding's range in the editor, or null when the node is gone or its text
 * no longer holds the finding's text (the text changed since the check; the
 * next check brings fresh findings).
 */
export function locate(index: DocIndex, f: Finding): Located | null {
  const p = index.get(f.location.node_id);
  if (!p) return null;
  if (p.kind === "atom") {
    // A part heading is generated but may carry an error of its source (an
    // imported heading's half-width comma): its safe fixes apply to its text.
    const heading = p.part === f.location.node_id && f.fix?.safe === true && sliceChars(p.text, f.location.start, f.location.end) === f.text;
    return { from: p.atomPos, to: p.atomPos + 1, kind: "node", editable: heading };
  }
  const a = charToUtf16(p.text, f.location.start);
  const b = charToUtf16(p.text, f.location.end);
  if (b > p.text.length || a > b || p.text.slice(a, b) !== f.text) return null;
  return { from: p.start + a, to: p.start + b, kind: "inline", editable: true };
}

/** Characters `start`..`end` (Unicode scalars) of `text`. */
function sliceChars(text: string, start: number, end: number): string {
  return text.slice(charToUtf16(text, start), charToUtf16(text, end));
}

/** A part heading's text with these findings' fixes applied (ranges in chars; overlapping ones skipped). */
export function fixedHeading(text: string, fixes: Finding[]): { text: string; applied: Finding[] } {
  const sorted = [...fixes].filter((f) => f.fix).sort((a, b) => b.location.start - a.location.start);
  let out = text;
  let limit = Infinity;
  const applied: Finding[] = [];
  for (const f of sorted) {
    if (f.location.end > limit) continue;
    const a = charToUtf16(out, f.location.start);
    const b = charToUtf16(out, f.location.end);
    out = out.slice(0, a) + (f.fix?.replacement ?? "") + out.slice(b);
    limit = f.location.start;
    applied.push(f);
  }
  return { text: out, applied };
}

/** Identifies a finding within one check's results. */
export function findingKey(f: Finding): string {
  return `${f.rule}|${f.location.node_id}|${f.location.start}|${f.location.end}`;
}

export const CATEGORIES: Category[] = ["结构", "年份", "编号", "标点", "文号", "日期", "引用", "文种", "保密", "数字", "用词"];
export const SEVERITIES: Severity[] = ["error", "warning", "info"];
export const SEVERITY_LABEL: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

export type Counts = Record<Severity, number>;
export const zeroCounts = (): Counts => ({ error: 0, warning: 0, info: 0 });

export interface RuleGroup {
  rule: string;
  severity: Severity;
  findings: Finding[];
}
export interface CategoryGroup {
  category: Category;
  counts: Counts;
  /** Most severe first, then in the order the rules were first met in the text. */
  rules: RuleGroup[];
}

/** Findings by category (fixed order, empty ones left out), then by rule. */
export function groupFindings(findings: Finding[]): { counts: Counts; groups: CategoryGroup[] } {
  const counts = zeroCounts();
  const byCat = new Map<Category, CategoryGroup>();
  for (const f of findings) {
    counts[f.severity]++;
    let g = byCat.get(f.category);
    if (!g) {
      g = { category: f.category, counts: zeroCounts(), rules: [] };
      byCat.set(f.category, g);
    }
    g.counts[f.severity]++;
    // A rule's severity is the library's setting, the same for all its findings.
    let r = g.rules.find((x) => x.rule === f.rule && x.severity === f.severity);
    if (!r) {
      r = { rule: f.rule, severity: f.severity, findings: [] };
      g.rules.push(r);
    }
    r.findings.push(f);
  }
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  const groups = CATEGORIES.flatMap((c) => {
    const g = byCat.get(c);
    if (!g) return [];
    // Stable: rules of equal severity keep their reading order.
    g.rules.sort((a, b) => rank(a.severity) - rank(b.severity));
    return [g];
  });
  // A category the UI does not know yet still shows, last.
  for (const [c, g] of byCat) if (!CATEGORIES.includes(c)) groups.push(g);
  return { counts, groups };
}

/** Findings per part and per section (a section counts what is in its subsections too). */
export function badgeCounts(findings: Finding[], index: DocIndex): Map<string, Counts> {
  const out = new Map<string, Counts>();
  const add = (id: string, s: Severity) => {
    let c = out.get(id);
    if (!c) out.set(id, (c = zeroCounts()));
    c[s]++;
  };
  for (const f of findings) {
    const p = index.get(f.location.node_id);
    if (!p) continue;
    if (p.part) add(p.part, f.severity);
    for (const s of p.sections) add(s, f.severity);
  }
  return out;
}

/** A few characters either side of the range, for the panel (… where cut). */
export function context(text: string, from: number, to: number, around = 12): { before: string; hit: string; after: string } {
  const a = Math.max(0, from - around);
  const b = Math.min(text.length, to + around);
  return {
    before: (a > 0 ? "…" : "") + text.slice(a, from),
    hit: text.slice(from, to),
    after: text.slice(to, b) + (b < text.length ? "…" : ""),
  };
}
