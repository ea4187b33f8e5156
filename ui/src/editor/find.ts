// Find and replace across the whole report (paragraphs and section headings;
// part headings and the title are generated, so never replaced).
import type { Node as PMNode } from "prosemirror-model";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";
import { T } from "./schema";

export interface Match {
  from: number;
  to: number;
}
interface FindState {
  query: string;
  matches: Match[];
  /** Index of the current match, -1 when none. */
  current: number;
  decos: DecorationSet;
}

export const findKey = new PluginKey<FindState>("find");

export function findMatches(doc: PMNode, query: string): Match[] {
  const out: Match[] = [];
  if (query === "") return out;
  doc.descendants((n, pos) => {
    if (n.type === T.paragraph || n.type === T.sectionHeading || n.type === T.attachmentTitle) {
      const text = n.textContent;
      let i = text.indexOf(query);
      while (i >= 0) {
        out.push({ from: pos + 1 + i, to: pos + 1 + i + query.length });
        i = text.indexOf(query, i + query.length);
      }
      return false;
    }
    return n.type !== T.partHeading && n.type !== T.title;
  });
  return out;
}

function build(doc: PMNode, query: string, current: number): FindState {
  const matches = findMatches(doc, query);
  const cur = matches.length === 0 ? -1 : Math.min(Math.max(current, 0), matches.length - 1);
  const decos = DecorationSet.create(
    doc,
    matches.map((m, i) => Decoration.inline(m.from, m.to, { class: i === cur ? "find-hit find-current" : "find-hit" })),
  );
  return { query, matches, current: cur, decos };
}

export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => ({ query: "", matches: [], current: -1, decos: DecorationSet.empty }),
      apply(tr, st) {
        const meta = tr.getMeta(findKey) as { query?: string; current?: number } | undefined;
        if (meta) return build(tr.doc, meta.query ?? st.query, meta.current ?? st.current);
        if (tr.docChanged && st.query !== "") return build(tr.doc, st.query, st.current);
        return st;
      },
    },
    props: { decorations: (state) => findKey.getState(state)?.decos },
  });
}

export function findState(state: EditorState): FindState {
  return findKey.getState(state) ?? { query: "", matches: [], current: -1, decos: DecorationSet.empty };
}

export function setQuery(state: EditorState, query: string): Transaction {
  // Start from the first match after the caret.
  const matches = findMatches(state.doc, query);
  const from = state.selection.from;
  const idx = Math.max(0, matches.findIndex((m) => m.from >= from));
  return state.tr.setMeta(findKey, { query, current: idx });
}

/** Moves to the next (dir 1) or previous (-1) match and selects it. */
export function step(state: EditorState, dir: 1 | -1): Transaction | null {
  const st = findState(state);
  if (st.matches.length === 0) return null;
  const n = st.matches.length;
  const cur = (((st.current + dir) % n) + n) % n;
  const m = st.matches[cur];
  return state.tr
    .setMeta(findKey, { current: cur })
    .setSelection(TextSelection.create(state.doc, m.from, m.to))
    .scrollIntoView();
}

export function replaceCurrent(state: EditorState, replacement: string): Transaction | null {
  const st = findState(state);
  if (st.current < 0) return null;
  const m = st.matches[st.current];
  const tr = state.tr.insertText(replacement, m.from, m.to);
  return tr.setMeta(findKey, { current: st.current }).scrollIntoView();
}

export function replaceAll(state: EditorState, replacement: string): { tr: Transaction; count: number } | null {
  const st = findState(state);
  if (st.matches.length === 0) return null;
  const tr = state.tr;
  for (let i = st.matches.length - 1; i >= 0; i--) tr.insertText(replacement, st.matches[i].from, st.matches[i].to);
  return { tr: tr.setMeta(findKey, { current: 0 }), count: st.matches.length };
}
