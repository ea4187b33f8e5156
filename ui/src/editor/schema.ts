// The ProseMirror schema mirrors the core model: a title, the preface, the
// statutory parts (with a locked, generated heading), sections nested to four
// levels counting the part (one node type per level, so the schema itself rules
// out a fifth level), plain-text paragraphs and the closing. No marks but 修订's
// pending insertion/deletion (suggest-marks.ts; never saved as marks): the model
// is plain text, which is also what makes pasted styles disappear.
import { Schema, type Node as PMNode, type NodeType } from "prosemirror-model";
import { SUGGESTION_MARKS, suggestionMarks } from "./suggest-marks";
// A table (prosemirror-tables' nodes) is a "block": it stands wherever a paragraph does.
import { tableSpecs } from "./tables-schema";

export const schema = new Schema({
  nodes: {
    // [#16] The 附件 follow the closing, each printed on its own pages.
    doc: { content: "title preface part+ closing attachment*" },
    text: {},
    // The title and the addressee line (主送机关), both generated from the metadata.
    title: {
      attrs: { text: { default: "" }, addressee: { default: "" } },
      atom: true,
      selectable: false,
      draggable: false,
      toDOM: (n) => [
        "div",
        { class: "title-block", contenteditable: "false" },
        ["h2", { class: "doc-title", "data-testid": "doc-title" }, n.attrs.text as string],
        ["p", { class: n.attrs.addressee ? "addressee" : "addressee empty", "data-testid": "addressee" }, n.attrs.addressee ? `${n.attrs.addressee as string}：` : ""],
      ],
      parseDOM: [],
    },
    preface: {
      content: "block+",
      toDOM: () => ["div", { class: "preface" }, 0],
      parseDOM: [],
    },
    closing: {
      content: "block+",
      toDOM: () => ["div", { class: "closing" }, 0],
      parseDOM: [],
    },
    part: {
      // Defaults only make the type generatable; the lock filter refuses any new part.
      attrs: { id: { default: "" }, role: { default: "other" } },
      content: "part_heading block+ section2*",
      defining: true,
      isolating: true,
      toDOM: (n) => ["section", { class: "part", "data-id": n.attrs.id as string, "data-role": n.attrs.role as string }, 0],
      parseDOM: [],
    },
    part_heading: {
      attrs: { text: { default: "" } },
      atom: true,
      selectable: false,
      draggable: false,
      toDOM: (n) => ["h3", { class: "heading level-1", "data-testid": "part-heading", contenteditable: "false" }, n.attrs.text as string],
      parseDOM: [],
    },
    section2: sectionSpec(2, "section_heading block* section3*"),
    section3: sectionSpec(3, "section_heading block* section4*"),
    section4: sectionSpec(4, "section_heading block*"),
    section_heading: {
      content: "text*",
      marks: SUGGESTION_MARKS,
      defining: true,
      toDOM: () => ["div", { class: "heading sec-heading" }, 0],
      // Parse rules serve copy and paste inside the editor (see paste.ts).
      parseDOM: [{ tag: "div.sec-heading" }],
    },
    paragraph: {
      attrs: { id: { default: null } },
      group: "block",
      content: "text*",
      marks: SUGGESTION_MARKS,
      toDOM: () => ["p", { class: "para" }, 0],
      parseDOM: [
        { tag: "p" },
        // Generated text is never pasted back as text.
        { tag: "h3.level-1", ignore: true },
        { tag: "div.title-block", ignore: true },
      ],
    },
    ...tableSpecs,
    // An 附件: its title (numbered 附件1, 附件2… from position) and its text.
    attachment: {
      attrs: { id: { default: null } },
      content: "attachment_title block+",
      defining: true,
      isolating: true,
      toDOM: (n) => ["section", { class: "attachment", "data-id": (n.attrs.id as string | null) ?? "" }, 0],
      parseDOM: [{ tag: "section.attachment", getAttrs: (dom: HTMLElement) => ({ id: dom.dataset.id || null }) }],
    },
    attachment_title: {
      content: "text*",
      marks: SUGGESTION_MARKS,
      defining: true,
      toDOM: () => ["div", { class: "attachment-title", "data-testid": "attachment-title" }, 0],
      parseDOM: [{ tag: "div.attachment-title" }],
    },
  },
  // [tracking #17] pending insertions and deletions (editor/suggest-marks.ts).
  marks: { ...suggestionMarks },
});

function sectionSpec(level: number, content: string) {
  return {
    attrs: { id: { default: null } },
    content,
    defining: true,
    toDOM: (n: PMNode): [string, Record<string, string>, 0] => [
      "section",
      { class: `sec level-${level}`, "data-id": n.attrs.id as string },
      0,
    ],
    parseDOM: [{ tag: `section.sec.level-${level}`, getAttrs: (dom: HTMLElement) => ({ id: dom.dataset.id ?? null }) }],
  };
}

export const T = {
  doc: schema.nodes.doc,
  title: schema.nodes.title,
  preface: schema.nodes.preface,
  closing: schema.nodes.closing,
  part: schema.nodes.part,
  partHeading: schema.nodes.part_heading,
  section: [undefined, undefined, schema.nodes.section2, schema.nodes.section3, schema.nodes.section4] as (NodeType | undefined)[],
  sectionHeading: schema.nodes.section_heading,
  paragraph: schema.nodes.paragraph,
  table: schema.nodes.table,
  tableRow: schema.nodes.table_row,
  tableCell: schema.nodes.table_cell,
  tableHeader: schema.nodes.table_header,
  attachment: schema.nodes.attachment,
  attachmentTitle: schema.nodes.attachment_title,
};

/** Level of a section node (2..4), or 0 when not a section. */
export function sectionLevel(t: NodeType): number {
  return t === T.section[2] ? 2 : t === T.section[3] ? 3 : t === T.section[4] ? 4 : 0;
}

export function sectionType(level: number): NodeType {
  const t = T.section[level];
  if (!t) throw new Error(`no section type for level ${level}`);
  return t;
}
