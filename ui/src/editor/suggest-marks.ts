// [tracking #17] The two marks of 修订: a pending insertion (underlined in its
// author's colour) and a pending deletion (struck through). Each carries the
// change's id, author, role and time, as the core stores the change. The marks
// live in the editor only: the document saved is the original text, and the
// changes go beside it (editor/changes-convert.ts).
import type { Mark, MarkSpec, Node as PMNode } from "prosemirror-model";

/** Distinct author colours (styles.css: .sg-c0 … .sg-c7). */
export const AUTHOR_COLOURS = 8;

/** A stable colour slot for an author's name (same name, same colour, every session). */
export function authorColour(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return h % AUTHOR_COLOURS;
}

const ROLE: Record<string, string> = { drafter: "起草人", reviewer: "审核人", approver: "签发人" };

/** 张三（审核人） */
export function whoLabel(author: string, role: string | null): string {
  const r = role ? ROLE[role] : undefined;
  return r ? `${author}（${r}）` : author;
}

/** 2026-12-04T05:01:02Z → 2026-12-04 13:01 in this window's zone (short, for tooltips and the list). */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const attrs = {
  id: { default: "" },
  author: { default: "" },
  role: { default: null },
  time: { default: "" },
};

function dom(tag: "ins" | "del", verb: string) {
  return (m: Mark): [string, Record<string, string>, 0] => [
    tag,
    {
      class: `${tag === "ins" ? "sg-ins" : "sg-del"} sg-c${authorColour(m.attrs.author as string)}`,
      "data-change": m.attrs.id as string,
      "data-author": m.attrs.author as string,
      title: `${whoLabel(m.attrs.author as string, m.attrs.role as string | null)}${verb} · ${shortTime(m.attrs.time as string)}`,
    },
    0,
  ];
}

/**
 * The specs for schema.ts. Not inclusive: text typed at an edge is not part of
 * the change by itself (the tracking plugin decides, by author). No parse
 * rules: pasted <ins>/<del> from elsewhere arrive as plain text.
 */
export const suggestionMarks: Record<"insertion" | "deletion", MarkSpec> = {
  insertion: { attrs, inclusive: false, excludes: "insertion deletion", toDOM: dom("ins", "插入"), parseDOM: [] },
  deletion: { attrs, inclusive: false, excludes: "insertion deletion", toDOM: dom("del", "删除"), parseDOM: [] },
};

/** The mark names the schema allows in text blocks (paragraph, section heading). */
export const SUGGESTION_MARKS = "insertion deletion";

/**
 * A paragraph break as part of a change, shown as a pilcrow as Word does: in a
 * pending insertion it is a new paragraph break ("\n" of the core's new text),
 * struck at the end of a block it is the break after that block, deleted (the
 * two paragraphs merge when accepted). Never original text.
 */
export const BREAK = "¶";

const markOf = (n: PMNode, name: string): boolean => n.marks.some((m) => m.type.name === name);

/** A textblock's original text: without pending insertions and break marks (struck text stays). */
export function originalText(node: PMNode): string {
  let plain = true;
  node.forEach((c) => (plain &&= !markOf(c, "insertion") && !(markOf(c, "deletion") && (c.text ?? "").includes(BREAK))));
  if (plain) return node.textContent;
  let out = "";
  node.forEach((c) => {
    if (markOf(c, "insertion")) return;
    const t = c.text ?? "";
    out += markOf(c, "deletion") ? t.replaceAll(BREAK, "") : t;
  });
  return out;
}
