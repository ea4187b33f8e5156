// Clipboard HTML (Word, WPS, web pages) → blocks: paragraph texts and tables.
// A small tolerant tree builder instead of the DOM, so that the same code runs
// in the unit tests (node) and in the page. Every attribute but colspan,
// rowspan and a cell's width is dropped: no foreign style survives. A table
// used for page layout — one cell wrapping the content, or cells holding
// tables of their own — is unwrapped into its content.
import type { Cell } from "../bindings/Cell";
import type { Table } from "../bindings/Table";

interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Array<El | string>;
  parent: El | null;
}

/** A pasted block: the text of a paragraph, or a table. */
export type Block = string | Table;

const VOID = new Set(["br", "img", "hr", "meta", "link", "input", "col", "wbr", "area", "base", "source", "param"]);
const CELLS = new Set(["td", "th"]);
const SECTIONS = new Set(["thead", "tbody", "tfoot"]);
/** Tags whose content is never text. */
const DROPPED = /<(style|script|head|title|xml|template|noscript)\b[\s\S]*?<\/\1\s*>/gi;

function attrsOf(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([a-zA-Z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    const name = m[1].toLowerCase();
    if (name === "colspan" || name === "rowspan" || name === "width" || name === "style") out[name] = m[2] ?? m[3] ?? m[4] ?? "";
  }
  return out;
}

/** Clipboard HTML → a tree, closing what HTML lets authors leave open (cells, rows, paragraphs). */
export function parseHtml(html: string): El {
  const root: El = { tag: "#root", attrs: {}, children: [], parent: null };
  let cur = root;
  const s = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!\[if[\s\S]*?<!\[endif\]>/gi, "")
    .replace(/<!\[[^\]]*\]>/g, "")
    .replace(DROPPED, "");
  /** Closes open elements up to and including the nearest `tag` below any of `stop`. */
  const closeTo = (tags: Set<string>, stop: Set<string>): void => {
    for (let e: El | null = cur; e && e !== root; e = e.parent) {
      if (tags.has(e.tag)) {
        cur = e.parent ?? root;
        return;
      }
      if (stop.has(e.tag)) return;
    }
  };
  for (const m of s.matchAll(/<(\/?)([a-zA-Z][\w:.-]*)([^>]*)>|<[^>]*>|[^<]+|</g)) {
    if (m[2] === undefined) {
      // Text (or a stray tag-like fragment, dropped).
      if (!m[0].startsWith("<") || m[0] === "<") cur.children.push(m[0]);
      continue;
    }
    const tag = m[2].toLowerCase();
    if (m[1]) {
      // A closing tag closes its open element, never one outside the current table.
      closeTo(new Set([tag]), tag === "table" ? new Set() : new Set(["table"]));
      continue;
    }
    if (CELLS.has(tag)) closeTo(CELLS, new Set(["tr", "table"]));
    else if (tag === "tr") closeTo(new Set(["tr"]), new Set(["table", ...SECTIONS]));
    else if (SECTIONS.has(tag)) closeTo(SECTIONS, new Set(["table"]));
    else if (tag === "p") closeTo(new Set(["p"]), new Set(["table", "td", "th", "div", "li"]));
    const el: El = { tag, attrs: attrsOf(m[3]), children: [], parent: cur };
    cur.children.push(el);
    if (!VOID.has(tag) && !m[3].trimEnd().endsWith("/")) cur = el;
  }
  return root;
}

const ENTITIES: Record<string, string> = { nbsp: " ", lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", ensp: " ", emsp: " ", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", mdash: "—", hellip: "…", middot: "·" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const BLOCK = /^(p|div|li|h[1-6]|tr|table|section|article|blockquote|pre|ul|ol|dd|dt|header|footer|title|o:p|caption|thead|tbody|tfoot|main|nav|aside|figure|figcaption|address)$/;

/**
 * The tree → blocks. `lines` turns the text between tables into paragraph
 * texts (paste.ts's cleaning); tables become tables unless they are layout.
 */
export function blocksOf(root: El, lines: (text: string) => string[]): Block[] {
  const out: Block[] = [];
  let buf = "";
  const flush = () => {
    out.push(...lines(decodeEntities(buf)));
    buf = "";
  };
  const walk = (n: El | string): void => {
    if (typeof n === "string") {
      // Newlines in HTML source are spaces.
      buf += n.replace(/[\r\n]+/g, " ");
      return;
    }
    if (hidden(n)) return;
    if (n.tag === "table") {
      const t = tableOf(n, lines);
      if (t === "layout") {
        buf += "\n";
        for (const c of cellsOf(n)) {
          c.children.forEach(walk);
          buf += "\n";
        }
        return;
      }
      flush();
      if (t) {
        // The line right above naming a table (…情况统计表) is its title: the
        // exports print it centred above the table.
        const above = out[out.length - 1];
        if (typeof above === "string" && isTitle(above)) {
          out.pop();
          t.title = above;
        }
        out.push(t);
      }
      return;
    }
    if (n.tag === "br") {
      buf += "\n";
      return;
    }
    const block = BLOCK.test(n.tag);
    if (block || CELLS.has(n.tag)) buf += "\n";
    n.children.forEach(walk);
    if (block || CELLS.has(n.tag)) buf += "\n";
  };
  root.children.forEach(walk);
  flush();
  return out;
}

/** A short line ending in 表 (…完成情况表, …统计表) without a sentence's stop. */
function isTitle(line: string): boolean {
  return [...line].length <= 60 && /表[)）]?$/.test(line) && !/[。；！？]/.test(line);
}

/** Word's hidden helpers (display:none). */
function hidden(n: El): boolean {
  return /display\s*:\s*none/i.test(n.attrs.style ?? "");
}

/** The rows of a table (through thead/tbody/tfoot, never a nested table's), each with whether it is a header row. */
function rowsOf(t: El): Array<{ tr: El; head: boolean }> {
  const rows: Array<{ tr: El; head: boolean }> = [];
  const visit = (e: El, head: boolean) => {
    for (const c of e.children) {
      if (typeof c === "string") continue;
      if (c.tag === "tr") rows.push({ tr: c, head });
      else if (SECTIONS.has(c.tag)) visit(c, c.tag === "thead");
      else if (c.tag !== "table" && !CELLS.has(c.tag)) visit(c, head);
    }
  };
  visit(t, false);
  return rows;
}

const cellEls = (tr: El): El[] => tr.children.filter((c): c is El => typeof c !== "string" && CELLS.has(c.tag) && !hidden(c));
const cellsOf = (t: El): El[] => rowsOf(t).flatMap((r) => cellEls(r.tr));

function hasTable(e: El): boolean {
  return e.children.some((c) => typeof c !== "string" && (c.tag === "table" || hasTable(c)));
}

function span(v: string | undefined): number {
  const n = parseInt(v ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 60) : 1;
}

/** A cell's width in points or pixels (same unit within a table), from width= or style width. */
function widthOf(c: El): number | null {
  const style = /(?:^|;)\s*width\s*:\s*([\d.]+)\s*(pt|px)?/i.exec(c.attrs.style ?? "");
  const v = style ? parseFloat(style[1]) * (style[2]?.toLowerCase() === "pt" ? 4 / 3 : 1) : parseFloat(c.attrs.width ?? "");
  return Number.isFinite(v) && v > 0 ? v : null;
}

/** A table element → a Table, "layout" for a table to unwrap, or null for one without cells. */
function tableOf(t: El, lines: (text: string) => string[]): Table | "layout" | null {
  const rows = rowsOf(t).map((r) => ({ ...r, cells: cellEls(r.tr) })).filter((r) => r.cells.length > 0);
  const all = rows.flatMap((r) => r.cells);
  if (all.length === 0) return null;
  if (all.length === 1 || all.some(hasTable)) return "layout";
  const cellText = (c: El): Cell["paragraphs"] => {
    const texts = blocksOf({ ...c, tag: "#cell" }, lines).filter((b): b is string => typeof b === "string");
    return (texts.length ? texts : [""]).map((text) => ({ id: "", text }));
  };
  const out: Cell[][] = rows.map((r) =>
    r.cells.map((c) => ({ colspan: span(c.attrs.colspan), rowspan: span(c.attrs.rowspan), paragraphs: cellText(c) })),
  );
  rectangle(out);
  let header = 0;
  while (header < rows.length && (rows[header].head || rows[header].cells.every((c) => c.tag === "th"))) header++;
  // A header row made only of merged-down cells would not end where it says; keep it simple: whole rows.
  const table: Table = { header_rows: Math.min(header, out.length), rows: out };
  const widths = widthsOf(rows.map((r) => r.cells), columns(out));
  if (widths) table.widths = widths;
  return table;
}

/** Grid columns of a rectangular table. */
function columns(rows: Cell[][]): number {
  return rows[0]?.reduce((n, c) => n + c.colspan, 0) ?? 0;
}

/**
 * Makes the grid a rectangle as the core requires: rowspans end at the last
 * row, short rows get empty cells, rows wider than the widest are left as they
 * are (the widest decides).
 */
function rectangle(rows: Cell[][]): void {
  const h = rows.length;
  const covered: number[][] = rows.map(() => []);
  let width = 0;
  rows.forEach((cells, r) => {
    let col = 0;
    for (const c of cells) {
      while (covered[r][col]) col++;
      c.rowspan = Math.min(c.rowspan, h - r);
      for (let dr = 0; dr < c.rowspan; dr++) for (let dc = 0; dc < c.colspan; dc++) covered[r + dr][col + dc] = 1;
      col += c.colspan;
    }
    width = Math.max(width, covered[r].length);
  });
  rows.forEach((cells, r) => {
    for (let col = 0; col < width; col++)
      if (!covered[r][col]) {
        cells.push({ colspan: 1, rowspan: 1, paragraphs: [{ id: "", text: "" }] });
        covered[r][col] = 1;
      }
  });
}

/** Relative widths from the first row whose cells each cover one column and all give a width. */
function widthsOf(rows: El[][], cols: number): number[] | null {
  for (const cells of rows) {
    if (cells.length !== cols || cells.some((c) => span(c.attrs.colspan) !== 1)) continue;
    const ws = cells.map(widthOf);
    if (ws.some((w) => w === null)) return null;
    return (ws as number[]).map((w) => Math.max(1, Math.round(w)));
  }
  return null;
}

/** Clipboard HTML → blocks. */
export function htmlToBlocks(html: string, lines: (text: string) => string[]): Block[] {
  return blocksOf(parseHtml(html), lines);
}
