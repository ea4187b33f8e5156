// The report's footer: the save status with its recovery actions, the hint
// line (messages that fade after 6 s) and the total character count.
import { clear, h } from "../dom";
import type { SaveStatus } from "../editor/autosave";
import { clockTime } from "../model";

/** What the save status's buttons do. */
export interface SaveActions {
  retry(): void;
  overwrite(): void;
  /** 撤销上一步修改 after a save the template check refused. */
  undo(): void;
  /** 放弃本窗口的修改并重新打开 after a conflict. */
  reload(): void;
}

/**
 * A message in full-width brackets. A message that itself ends in a bracketed
 * part ("段落过长（501字，上限500字）") has it joined with a comma instead, so
 * that no "））" reaches the user.
 */
export function inParens(message: string): string {
  const m = /^(.*?)（([^（）]*)）([。；]?)$/.exec(message.trim());
  const flat = m ? `${m[1]}，${m[2]}` : message.trim().replace(/。$/, "");
  return `（${flat}）`;
}

export class StatusLine {
  readonly el: HTMLElement;
  private readonly text = h("span", { className: "save-text" });
  private readonly actions = h("span", { className: "save-actions" });
  private readonly saveStatus: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly totalChars: HTMLElement;
  private hintTimer: number | undefined;
  private hintAt = 0;

  constructor(private readonly act: SaveActions) {
    this.saveStatus = h("div", { className: "save-status", testid: "save-status", role: "status", "aria-live": "polite" }, this.text, this.actions);
    this.hint = h("div", { className: "hint-line", testid: "editor-hint", role: "status", "aria-live": "polite" });
    this.totalChars = h("span", { className: "total-chars", testid: "total-chars" });
    this.el = h("footer", { className: "statusbar" }, this.saveStatus, this.hint, h("span", { className: "spacer" }), this.totalChars);
  }

  /** Shows a message on the hint line for 6 s. */
  say(m: string): void {
    this.hint.textContent = m;
    this.hintAt = Date.now();
    window.clearTimeout(this.hintTimer);
    this.hintTimer = window.setTimeout(() => (this.hint.textContent = ""), 6000);
  }

  /**
   * A later action went through: a refusal or a hint about an earlier one no
   * longer applies. A hint younger than a second stays (it was just said, and
   * may be about this very action).
   */
  clearHint(): void {
    if (this.hint.textContent === "" || Date.now() - this.hintAt < 1000) return;
    window.clearTimeout(this.hintTimer);
    this.hint.textContent = "";
  }

  setTotal(chars: number): void {
    this.totalChars.textContent = `全文 ${chars} 字`;
  }

  /** A report past review: no saves, say why. */
  showLocked(statusLabel: string): void {
    this.text.textContent = `报告处于“${statusLabel}”状态，内容已锁定，只能查看`;
    this.saveStatus.dataset.state = "locked";
  }

  render(s: SaveStatus): void {
    const act = this.act;
    clear(this.actions);
    this.saveStatus.dataset.state = s.kind;
    switch (s.kind) {
      case "saved":
        this.text.textContent = `已保存 ${clockTime(s.at)}`;
        break;
      case "dirty":
      case "saving":
        this.text.textContent = "正在保存…";
        break;
      case "failed":
        this.text.textContent = `保存失败${inParens(s.error.message)}`;
        this.actions.append(
          h("button", { type: "button", className: "link", testid: "save-retry", onclick: () => act.retry() }, "重试"),
          h("span", { className: "muted" }, s.retryAt ? "修改仍在编辑器中，稍后将自动重试" : "修改仍在编辑器中"),
        );
        break;
      case "invalid":
        this.text.textContent = `保存失败${inParens(s.error.message)}`;
        this.actions.append(
          h("button", { type: "button", className: "link", testid: "save-undo", onclick: () => act.undo() }, "撤销上一步修改"),
          h("button", { type: "button", className: "link", testid: "save-retry", onclick: () => act.retry() }, "重试"),
        );
        break;
      case "conflict":
        this.text.textContent = `未保存：${s.error.message}`;
        this.actions.append(
          h("button", { type: "button", className: "link", testid: "save-overwrite", onclick: () => act.overwrite() }, "以本窗口内容覆盖"),
          h("button", { type: "button", className: "link", testid: "save-reload", onclick: () => act.reload() }, "放弃本窗口的修改并重新打开"),
        );
        break;
    }
  }

  dispose(): void {
    window.clearTimeout(this.hintTimer);
  }
}
