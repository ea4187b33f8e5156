// Document ⇄ ProseMirror document. Lossless: every id and every text survives a
// round trip. Containers that must hold a paragraph for the caret (a part with
// only sections, an empty preface or closing) get a placeholder paragraph with
// no id, which is dropped again on the way back while it stays empty.
import type { Node as PMNode } from "prosemirror-model";
import type { Attachment } from "../bindings/Attachment";
import type { Document } from "../bindings/Document";
import type { Paragraph } from "../bindings/Paragraph";
import type { Role } from "../bindings/Role";
import type { Section } from "../bindings/Section";
import { documentTitle, newId } from "../model";
import { T, sectionLevel, sectionType } from "./schema";
// [tracking #17] pending insertions are not the original text (they are saved beside it).
import { originalText } from "./suggest-marks";
import { tableNode, tableOf } from "./tables-convert";
import type { TPara, TPart, TSection } from "./tree";

/** Everything of a Document that does not live in the editor's content. */
export type Meta = Omit<Document, "preface" | "parts" | "closing" | "attachments">;

export function metaOf(doc: Document): Meta {
  const { preface: _p, parts: _q, closing: _c, attachments: _a, ...meta } = doc;
  return meta;
}

/** Records which node was built for which tree object (to put the caret back). */
export type Recorder = Map<object, PMNode>;

function para(p: TPara, rec?: Recorder): PMNode {
  if (p.table) return tableNode(p.id, p.table);
  const n = T.paragraph.create({ id: p.id }, p.text === "" ? null : T.doc.schema.text(p.text));
  rec?.set(p, n);
  return n;
}

function paras(ps: TPara[], placeholder: boolean, rec?: Recorder): PMNode[] {
  const out = ps.map((p) => para(p, rec));
  if (out.length === 0 && placeholder) out.push(T.paragraph.create({ id: null }));
  return out;
}

export function sectionNode(s: TSection, level: number, rec?: Recorder): PMNode {
  const heading = T.sectionHeading.create(null, s.heading === "" ? null : T.doc.schema.text(s.heading));
  rec?.set(s, heading);
  return sectionType(level).create({ id: s.id }, [
    heading,
    ...paras(s.paragraphs, false, rec),
    ...s.sections.map((c) => sectionNode(c, level + 1, rec)),
  ]);
}

export function partNode(p: TPart, rec?: Recorder): PMNode {
  return T.part.create({ id: p.id, role: p.role }, [
    T.partHeading.create({ text: p.heading }),
    ...paras(p.paragraphs, true, rec),
    ...p.sections.map((s) => sectionNode(s, 2, rec)),
  ]);
}

/** The addressee as shown: without a colon the user may have typed. */
export function addresseeText(a: string | null): string {
  return (a ?? "").trim().replace(/[：:]$/, "");
}

export function toPM(doc: Document): PMNode {
  return T.doc.create(null, [
    T.title.create({ text: documentTitle(doc), addressee: addresseeText(doc.addressee) }),
    T.preface.create(null, paras(doc.preface, true)),
    ...doc.parts.map((p) => partNode(p)),
    T.closing.create(null, paras(doc.closing, true)),
    ...(doc.attachments ?? []).map((a) => attachmentNode(a)),
  ]);
}

/** An 附件: its title, then its paragraphs and tables (a placeholder while it has none). */
export function attachmentNode(a: Attachment): PMNode {
  return T.attachment.create({ id: a.id }, [
    T.attachmentTitle.create(null, a.title === "" ? null : T.doc.schema.text(a.title)),
    ...paras(a.paragraphs, true),
  ]);
}

/** Records which tree object was made from which node (to find the caret's block). */
export type Reverse = Map<PMNode, object>;

function tpara(n: PMNode, rev?: Reverse): TPara {
  if (n.type === T.table) return { id: n.attrs.id as string | null, text: "", table: tableOf(n) };
  const p = { id: n.attrs.id as string | null, text: originalText(n) };
  rev?.set(n, p);
  return p;
}

export function treeSection(n: PMNode, rev?: Reverse): TSection {
  const s: TSection = { id: n.attrs.id as string, heading: "", paragraphs: [], sections: [] };
  n.forEach((c) => {
    if (c.type === T.sectionHeading) {
      s.heading = originalText(c);
      rev?.set(c, s);
    } else if (c.type === T.paragraph || c.type === T.table) s.paragraphs.push(tpara(c, rev));
    else if (sectionLevel(c.type)) s.sections.push(treeSection(c, rev));
  });
  return s;
}

export function treePart(n: PMNode, rev?: Reverse): TPart {
  const p: TPart = { id: n.attrs.id as string, role: n.attrs.role as Role, heading: "", paragraphs: [], sections: [] };
  n.forEach((c) => {
    if (c.type === T.partHeading) p.heading = c.attrs.text as string;
    else if (c.type === T.paragraph || c.type === T.table) p.paragraphs.push(tpara(c, rev));
    else if (c.type === T.section[2]) p.sections.push(treeSection(c, rev));
  });
  return p;
}

/** Placeholders left empty are dropped; one that got text but no id yet gets one. */
function finalParas(ps: TPara[]): Paragraph[] {
  return ps
    .filter((p) => p.id !== null || p.text !== "" || p.table)
    .map((p) => (p.table ? { id: p.id ?? newId(), text: "", table: p.table } : { id: p.id ?? newId(), text: p.text }));
}

function finalSection(s: TSection): Section {
  return { id: s.id, heading: s.heading, paragraphs: finalParas(s.paragraphs), sections: s.sections.map(finalSection) };
}

export function fromPM(node: PMNode, meta: Meta): Document {
  const doc: Document = { ...meta, preface: [], parts: [], closing: [], attachments: [] };
  node.forEach((c) => {
    if (c.type === T.preface) c.forEach((p) => doc.preface.push(...finalParas([tpara(p)])));
    else if (c.type === T.closing) c.forEach((p) => doc.closing.push(...finalParas([tpara(p)])));
    else if (c.type === T.attachment) {
      const a: Attachment = { id: (c.attrs.id as string | null) ?? newId(), title: "", paragraphs: [] };
      c.forEach((b) => {
        if (b.type === T.attachmentTitle) a.title = originalText(b);
        else a.paragraphs.push(...finalParas([tpara(b)]));
      });
      doc.attachments!.push(a);
    }
    else if (c.type === T.part) {
      const p = treePart(c);
      doc.parts.push({ id: p.id, role: p.role, heading: p.heading, paragraphs: finalParas(p.paragraphs), sections: p.sections.map(finalSection) });
    }
  });
  return doc;
}
