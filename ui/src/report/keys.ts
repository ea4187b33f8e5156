// The report's own shortcuts: Ctrl+S 保存版本, Ctrl+F 查找, Ctrl+H 替换, Ctrl+= / Ctrl+- 缩放.
// Ctrl+S/F/H are in the editor's keymap and, like the zoom keys, on the whole
// report view (toolbar and panels); the save dialog never opens twice.
import type { Command } from "prosemirror-state";

export interface ReportKeyActions {
  saveVersion(): void;
  openFind(withReplace: boolean): void;
  zoomBy(d: 1 | -1): void;
  /** [print #19] Ctrl+P 打印. */
  print?(): void;
}

/** The editor keymap's part (createState's extra keys). */
export function editorKeys(a: Pick<ReportKeyActions, "saveVersion" | "openFind">): Record<string, Command> {
  return {
    "Mod-s": () => (a.saveVersion(), true),
    "Mod-f": () => (a.openFind(false), true),
    "Mod-h": () => (a.openFind(true), true),
  };
}

/** The report view's part; a version shown read-only (history.ts, `data-viewing`) has no find, zoom or save. */
export function bindReportKeys(root: HTMLElement, a: ReportKeyActions): void {
  root.addEventListener("keydown", (ev) => {
    const mod = ev.ctrlKey || ev.metaKey;
    if (!mod || root.dataset.viewing) return;
    const k = ev.key.toLowerCase();
    if (k === "s") {
      ev.preventDefault();
      a.saveVersion();
    } else if (k === "f" || k === "h") {
      ev.preventDefault();
      a.openFind(k === "h");
    } else if (k === "=" || k === "+") {
      ev.preventDefault();
      a.zoomBy(1);
    } else if (k === "-") {
      ev.preventDefault();
      a.zoomBy(-1);
    } else if (k === "p" && a.print) {
      ev.preventDefault();
      a.print();
    }
  });
}
