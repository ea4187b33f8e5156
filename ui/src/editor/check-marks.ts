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
        // edited disappears (it is stale until the next check). Nothing is added.
        const marks = mapMarks(st.marks, tr);
        const decos = marks.length === st.marks.length ? st.decos.map(tr.mapping, tr.doc) : decorate(tr, marks, st.selected);
        return { marks, selected: st.selected, decos };
      },
    },
    props: { decorations: (state) => checkMarksKey.getState(state)?.decos },
  });
}

/** Marks moved through the transaction's steps; a mark whose range a step touched is dropped. */
function mapMarks(marks: CheckMark[], tr: Transaction): CheckMark[] {
  const out: CheckMark[] = [];
  for (const m of marks) {
    let { from, to } = m;
    let touched = false;
    for (const map of tr.mapping.maps) {
      map.forEach((s, e) => {
        if (s < to && e > from) touched = true;
        else if (s === e && s > from && s < to) touched = true;
      });
      if (touched) break;
      from = map.map(from, 1);
      to = map.map(to, -1);
    }
    if (!touched && to > from) out.push({ ...m, from, to });
  }
  return out;
}

export function checkMarks(state: EditorState): MarksState {
  return checkMarksKey.getState(state) ?? { marks: [], selected: null, decos: DecorationSet.empty };
}
