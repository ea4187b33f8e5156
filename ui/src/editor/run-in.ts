// The stop DOCX and PDF print after a run-in heading ("1.加强组织领导。" then the
// text), shown after the heading's text as a widget nobody can edit. What the stop
// is — "。", or nothing when the heading ends in its own — is the layout model's
// decision (`page_view`'s `runIn`, fazhi-layout); the editor only places it.
import type { Node as PMNode } from "prosemirror-model";
import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet, type EditorView } from "prosemirror-view";
import type { RunInStop } from "../bindings/RunInStop";
import { ALLOW_LOCKED, structural } from "./plugins";
import { T, sectionLevel } from "./schema";

interface RunInState {
  /** Section id → the stop after its heading. */
  stops: Map<string, string>;
  decos: DecorationSet;
}

const runInKey = new PluginKey<RunInState>("run-in");

function stopWidget(stop: string): HTMLElement {
  const el = document.createElement("span");
  el.className = "run-in-stop";
  el.contentEditable = "false";
  el.dataset.testid = "run-in-stop";
  el.textContent = stop;
  return el;
}

/** A widget at the end of each run-in heading the model gives a stop. */
export function runInDecorations(doc: PMNode, stops: Map<string, string>): DecorationSet {
  if (stops.size === 0) return DecorationSet.empty;
  const decos: Decoration[] = [];
  doc.descendants((n, pos) => {
    if (n.isTextblock) return false;
    const heading = sectionLevel(n.type) ? n.firstChild : null;
    const stop = stops.get(n.attrs.id as string);
    if (heading?.type === T.sectionHeading && stop) {
      // side 1: the caret at the heading's end and what is typed there stay before it.
      const end = pos + 1 + heading.nodeSize - 1;
      decos.push(Decoration.widget(end, () => stopWidget(stop), { side: 1, key: `run-in-stop:${stop}`, ignoreSelection: true }));
    }
    return true;
  });
  return DecorationSet.create(doc, decos);
}

export function runInPlugin(): Plugin<RunInState> {
  return new Plugin<RunInState>({
    key: runInKey,
    state: {
      init: () => ({ stops: new Map(), decos: DecorationSet.empty }),
      apply(tr, st) {
        const stops = tr.getMeta(runInKey) as Map<string, string> | undefined;
        if (stops) return { stops, decos: runInDecorations(tr.doc, stops) };
        if (!tr.docChanged) return st;
        // Typing inside a block moves the widgets; a new or moved section places them again.
        const decos = structural(tr) || tr.getMeta(ALLOW_LOCKED) ? runInDecorations(tr.doc, st.stops) : st.decos.map(tr.mapping, tr.doc);
        return { stops: st.stops, decos };
      },
    },
    props: { decorations: (state) => runInKey.getState(state)?.decos },
  });
}

/** Shows the layout model's stops (nothing is dispatched when they did not change). */
export function setRunInStops(view: EditorView, list: RunInStop[]): void {
  const stops = new Map(list.filter((r) => r.stop !== "").map((r) => [r.sectionId, r.stop]));
  const old = runInKey.getState(view.state)?.stops;
  if (old && old.size === stops.size && [...stops].every(([k, v]) => old.get(k) === v)) return;
  view.dispatch(view.state.tr.setMeta(runInKey, stops).setMeta("addToHistory", false));
}
