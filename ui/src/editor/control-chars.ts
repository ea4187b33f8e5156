// No control character ever enters the document: the core refuses them on
// save (validate.rs, `char::is_control` except tab), so one stray U+0008 would
// stop every later autosave of the report. Keys, IME, paste, drop and
// find-and-replace all end in transactions; this plugin is the one place that
// strips what any of them brought in.
import type { Node as PMNode } from "prosemirror-model";
import { Plugin, PluginKey, type Transaction } from "prosemirror-state";

/** What the core refuses: C0 controls except tab, DEL and the C1 controls. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

export function hasControlChars(s: string): boolean {
  CONTROL_CHARS.lastIndex = 0;
  const found = CONTROL_CHARS.test(s);
  CONTROL_CHARS.lastIndex = 0;
  return found;
}

export function stripControlChars(s: string): string {
  return s.replace(CONTROL_CHARS, "");
}

/** The ranges of the new document that the transactions changed. */
function changedRanges(trs: readonly Transaction[], doc: PMNode): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  trs.forEach((tr, i) => {
    if (!tr.docChanged) return;
    tr.mapping.maps.forEach((map, j) => {
      map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
        // Map through the rest of this transaction and the later ones.
        let a = newStart;
        let b = newEnd;
        const rest = tr.mapping.slice(j + 1);
        a = rest.map(a, -1);
        b = rest.map(b, 1);
        for (const later of trs.slice(i + 1)) {
          a = later.mapping.map(a, -1);
          b = later.mapping.map(b, 1);
        }
        out.push([Math.max(0, a), Math.min(doc.content.size, b)]);
      });
    });
  });
  return out;
}

export function controlCharsPlugin(): Plugin {
  return new Plugin({
    key: new PluginKey("control-chars"),
    appendTransaction(trs, _old, state) {
      if (!trs.some((t) => t.docChanged)) return null;
      const cuts: Array<[number, number]> = [];
      for (const [from, to] of changedRanges(trs, state.doc)) {
        if (from >= to) continue;
        state.doc.nodesBetween(from, to, (n, pos) => {
          if (!n.isText || !n.text) return true;
          for (const m of n.text.matchAll(CONTROL_CHARS)) {
            const at = pos + (m.index ?? 0);
            if (!cuts.some(([a]) => a === at)) cuts.push([at, at + m[0].length]);
          }
          return false;
        });
      }
      if (!cuts.length) return null;
      const tr = state.tr;
      // From the end, so earlier positions stay valid.
      for (const [a, b] of cuts.sort((x, y) => y[0] - x[0])) tr.delete(a, b);
      return tr;
    },
  });
}
