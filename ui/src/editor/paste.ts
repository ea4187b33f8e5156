// Paste cleaning: whatever Word, WPS or a web page puts on the clipboard becomes
// plain paragraphs (no styles, fonts, colours or empty spans); paragraph breaks stay.
import { Fragment, Slice } from "prosemirror-model";
import type { EditorView } from "prosemirror-view";
import { notify } from "./commands";
import { T } from "./schema";

const ENTITIES: Record<string, string> = { nbsp: " ", lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", ensp: " ", emsp: " ", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", mdash: "—", hellip: "…", middot: "·" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const BLOCK = /^(p|div|li|h[1-6]|tr|table|section|article|blockquote|pre|ul|ol|dd|dt|header|footer|title|o:p)$/i;

/** HTML from the clipboard → the texts of its paragraphs. */
export function htmlToParagraphs(html: string): string[] {
  let s = html
    // Word's conditional comments and every other comment.
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!\[if[\s\S]*?<!\[endif\]>/gi, "")
    .replace(/<(style|script|head|title|xml|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, "");
  // Newlines inside HTML source are just spaces.
  s = s.replace(/[\r\n]+/g, " ");
  s = s.replace(/<br\b[^>]*>/gi, "\n");
  s = s.replace(/<\/?([a-z][a-z0-9:]*)\b[^>]*>/gi, (_m, tag: string) => (BLOCK.test(tag) ? "\n" : tag.toLowerCase() === "td" || tag.toLowerCase() === "th" ? CELL : ""));
  s = s.replace(/<[^>]*>/g, "");
  return textToParagraphs(decodeEntities(s)).map((p) => p.split(CELL).map((c) => c.trim()).filter((c) => c !== "").join(" ")).filter((p) => p !== "");
}

/** Marks a table cell boundary until spaces are cleaned (a private-use character). */
const CELL = "\ue000";

/** Plain text → paragraphs: one per line, trimmed, empty lines dropped. */
export function textToParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map(cleanLine)
    .filter((l) => l !== "");
}

function cleanLine(l: string): string {
  return (
    l
      // Control characters (the backend refuses them), zero-width characters and BOMs.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/g, "")
      .replace(/[\t\u00a0\u3000 ]+/g, (m, off: number, all: string) => {
        // Indentation made of spaces, full-width spaces or tabs is layout, not text.
        if (off === 0 || off + m.length === all.length) return "";
        // Spaces between two CJK characters are artefacts of copying.
        const before = all[off - 1];
        const after = all[off + m.length];
        return isCJK(before) && isCJK(after) ? "" : " ";
      })
      .trim()
  );
}

function isCJK(c: string | undefined): boolean {
  return c !== undefined && /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(c);
}

/** Paragraph texts → a slice that splits the current block where needed. */
export function paragraphsSlice(paras: string[]): Slice {
  const nodes = paras.map((t) => T.paragraph.create(null, t ? T.doc.schema.text(t) : null));
  return new Slice(Fragment.fromArray(nodes), 1, 1);
}

export const TABLE_FLATTENED = "粘贴的内容含有表格：报告暂不支持表格，已将每行转为一段文字（单元格以空格分隔），请核对。";

/** Whether clipboard HTML holds a table with at least one cell (Word, WPS, web pages). */
export function hasTable(html: string): boolean {
  return /<table\b/i.test(html) && /<t[dh]\b/i.test(html);
}

/** The editor's paste handler: always inserts cleaned plain paragraphs. */
export function handlePaste(view: EditorView, event: ClipboardEvent): boolean {
  const data = event.clipboardData;
  if (!data) return false;
  const html = data.getData("text/html");
  // Copied from this editor: let ProseMirror keep the sections (the schema's
  // parse rules accept only our own structure; everything else is dropped).
  if (html.includes("data-pm-slice")) return false;
  const text = data.getData("text/plain");
  const paras = html ? htmlToParagraphs(html) : textToParagraphs(text);
  if (paras.length === 0) return true;
  const { state } = view;
  const tr =
    paras.length === 1 ? state.tr.insertText(paras[0]) : state.tr.replaceSelection(paragraphsSlice(paras));
  view.dispatch(tr.scrollIntoView().setMeta("uiEvent", "paste"));
  // The report has no tables yet: say that one became lines of text.
  if (hasTable(html)) notify(TABLE_FLATTENED);
  return true;
}
