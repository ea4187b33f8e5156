// The fake backend's stand-in for fazhi_core::diff::compare (browser tests only):
// the same flattening and block kinds, a plain LCS instead of Patience.
import type { BlockKind } from "../bindings/BlockKind";
import type { Change } from "../bindings/Change";
import type { Comparison } from "../bindings/Comparison";
import type { DiffBlock } from "../bindings/DiffBlock";
import type { Document } from "../bindings/Document";
import type { Section } from "../bindings/Section";
import type { Span } from "../bindings/Span";
import { documentTitle, numberPrefix } from "../model";

interface Block {
  kind: BlockKind;
  level: number;
  number: string;
  label: string;
  text: string;
}

function flatten(d: Document): Block[] {
  const out: Block[] = [{ kind: "title", level: 0, number: "", label: "", text: documentTitle(d) }];
  const para = (text: string) => out.push({ kind: "paragraph", level: 0, number: "", label: "", text });
  d.preface.forEach((p) => para(p.text));
  const sections = (ss: Section[], level: number) =>
    ss.forEach((s, i) => {
      out.push({ kind: "heading", level, number: numberPrefix(level, i), label: "", text: s.heading });
      s.paragraphs.forEach((p) => para(p.text));
      sections(s.sections, level + 1);
    });
  d.parts.forEach((p, i) => {
    out.push({ kind: "heading", level: 1, number: numberPrefix(1, i), label: "", text: p.heading });
    p.paragraphs.forEach((x) => para(x.text));
    sections(p.sections, 2);
  });
  d.closing.forEach((p) => para(p.text));
  const meta: [string, string | null][] = [
    ["主送机关", d.addressee], ["发文字号", d.doc_number], ["签发人", d.signer],
    ["署名", d.signature && d.signature.trim() !== "" ? d.signature : d.issuer], ["成文日期", d.date], ["附注", d.note],
    ["抄送机关", d.copy_to], ["印发机关", d.printed_by], ["印发日期", d.printed_on],
  ];
  for (const [label, v] of meta) if (v && v.trim() !== "") out.push({ kind: "meta", level: 0, number: "", label, text: v.trim() });
  return out;
}

/** Edit script of two sequences: "=" kept, "-" only in a, "+" only in b. */
function lcs<T>(a: T[], b: T[], eq: (x: T, y: T) => boolean): ("=" | "-" | "+")[] {
  const n = a.length, m = b.length;
  const t = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i][j] = eq(a[i], b[j]) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  const ops: ("=" | "-" | "+")[] = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && eq(a[i], b[j])) { ops.push("="); i++; j++; }
    else if (j >= m || (i < n && t[i + 1][j] >= t[i][j + 1])) { ops.push("-"); i++; }
    else { ops.push("+"); j++; }
  }
  return ops;
}

function charSpans(a: string, b: string): Span[] {
  const x = [...a], y = [...b];
  const spans: Span[] = [];
  let i = 0, j = 0;
  for (const op of lcs(x, y, (p, q) => p === q)) {
    const change: Change = op === "=" ? "same" : op === "+" ? "added" : "removed";
    const ch = op === "+" ? y[j++] : (op === "=" ? (j++, x[i++]) : x[i++]);
    const last = spans[spans.length - 1];
    if (last && last.change === change) last.text += ch;
    else spans.push({ change, text: ch });
  }
  return spans;
}

const key = (b: Block) => `${b.kind}|${b.level}|${b.label}|${b.text}`;
const len = (s: string) => [...s].length;

export function fakeCompare(oldDoc: Document, newDoc: Document): Comparison {
  const a = flatten(oldDoc), b = flatten(newDoc);
  const ops = lcs(a, b, (x, y) => key(x) === key(y));
  const blocks: DiffBlock[] = [];
  const stats = { added: 0, removed: 0, changed: 0, chars_added: 0, chars_removed: 0 };
  const mk = (change: Change, blk: Block, old: string | null, nw: string | null, spans: Span[]): DiffBlock =>
    ({ change, kind: blk.kind, level: blk.level, number: blk.number, label: blk.label, old, new: nw, spans });
  let i = 0, j = 0, k = 0;
  while (k < ops.length) {
    if (ops[k] === "=") {
      blocks.push(mk("same", b[j], a[i].text, b[j].text, b[j].text ? [{ change: "same", text: b[j].text }] : []));
      i++; j++; k++;
      continue;
    }
    const xs: Block[] = [], ys: Block[] = [];
    while (k < ops.length && ops[k] !== "=") (ops[k++] === "-" ? xs.push(a[i++]) : ys.push(b[j++]));
    while (xs.length || ys.length) {
      const x = xs[0], y = ys[0];
      const alike = x && y && x.kind === y.kind && x.level === y.level && x.label === y.label &&
        (2 * charSpans(x.text, y.text).filter((s) => s.change === "same").reduce((n, s) => n + len(s.text), 0)) / Math.max(1, len(x.text) + len(y.text)) >= 0.4;
      if (alike) {
        const spans = charSpans(x.text, y.text);
        stats.changed++;
        for (const s of spans) if (s.change === "added") stats.chars_added += len(s.text); else if (s.change === "removed") stats.chars_removed += len(s.text);
        blocks.push(mk("changed", y, x.text, y.text, spans));
        xs.shift(); ys.shift();
      } else if (x) {
        stats.removed++; stats.chars_removed += len(x.text);
        blocks.push(mk("removed", x, x.text, null, x.text ? [{ change: "removed", text: x.text }] : []));
        xs.shift();
      } else {
        stats.added++; stats.chars_added += len(y.text);
        blocks.push(mk("added", y, null, y.text, y.text ? [{ change: "added", text: y.text }] : []));
        ys.shift();
      }
    }
  }
  return { blocks, stats };
}
