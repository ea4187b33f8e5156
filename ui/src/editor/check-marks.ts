// Underlines for the findings of 校对: a severity-coloured underline under each
// finding, a stronger highlight for the one selected in the panel. The plugin
// only holds decorations; the checks panel decides what they are and when they
// change (never while an IME composition is active, see checks/panel.ts).
import type { Node as PMNode } from "prosemirror-model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";
import type { Severity } from "../bindings/Severity";

export interface CheckMark {
  from: number;
  to: number;
  /** "inline" for text ranges, "node" for generated blocks (part heading, title). */
  kind: "inline" | "node";
  severity: Severity;
  key: string;
}

interface MarksState {
  marks: CheckMark[];
  selected: string | null;
  decos: DecorationSet;
}

export const checkMarksKey = new PluginKey<MarksState>("check-marks");

/** What a transaction may set through `tr.setMeta(checkMarksKey, …)`. */
export interface MarksMeta {
  marks?: CheckMark[];
  selected?: string | null;
}

function decorate(state: { doc: PMNode }, marks: CheckMark[], selected: string | null): DecorationSet {
  const size = state.doc.content.size;
  const decos: Decoration[] = [];
  for (const m of marks) {
    if (m.from < 0 || m.to > size || m.from > m.to) continue;
    const cls = `check-mark sev-${m.severity}${m.key === selected ? " check-selected" : ""}`;
    if (m.kind === "node") decos.push(Decoration.node(m.from, m.to, { class: cls }, { key: m.key }));
    else if (m.to > m.from) decos.push(Decoration.inline(m.from, m.to, { class: cls, "data-check": m.key }, { key: m.key }));
  }
  return DecorationSet.create(state.doc, decos);
}

export function checkMarksPlugin(): Plugin<MarksState> {
  return new Plugin<MarksState>({
    key: checkMarksKey,
    state: {
      init: () => ({ marks: [], selected: null, decos: DecorationSet.empty }),
      apply(tr, st) {
        const meta = tr.getMeta(checkMarksKey) as MarksMeta | undefined;
        if (meta) {
          const marks = meta.marks ?? (tr.docChanged ? mapMarks(st.marks, tr) : st.marks);
          const selected = meta.selected !== undefined ? meta.selected : st.selected;
          return { marks, selected, decos: decorate(tr, marks, selected) };
        }
        if (!tr.docChanged) return st;
        // Edits move the underlines with the text; an underline whose text was
        // deleted disappears. Nothing is added until the next check.
        return { marks: mapMarks(st.marks, tr), selected: st.selected, decos: st.decos.map(tr.mapping, tr.doc) };
      },
    },
    props: { decorations: (state) => checkMarksKey.getState(state)?.decos },
  });
}

function mapMarks(marks: CheckMark[], tr: Transaction): CheckMark[] {
  const out: CheckMark[] = [];
  for (const m of marks) {
    const a = tr.mapping.mapResult(m.from, 1);
    const b = tr.mapping.mapResult(m.to, -1);
    if (a.deleted && b.deleted) continue;
    if (b.pos > a.pos || (m.kind === "node" && !a.deleted)) out.push({ ...m, from: a.pos, to: m.kind === "node" ? a.pos + 1 : b.pos });
  }
  return out;
}

export function checkMarks(state: EditorState): MarksState {
  return checkMarksKey.getState(state) ?? { marks: [], selected: null, decos: DecorationSet.empty };
}
