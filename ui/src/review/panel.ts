// 批注 panel: the threads of a report with their replies, resolve/reopen, edit
// and delete one's own, filters (未解决/已解决/全部, 我的, 按部分), jump to the
// commented text, and the per-part counts in the outline.
import type { EditorView } from "prosemirror-view";
import { toApiError, type ApiError } from "../api";
import type { Comment } from "../bindings/Comment";
import { clear, h } from "../dom";
import { localDateTime } from "../model";
import { T } from "../editor/schema";
import { numberPrefix } from "../model";
import { AnchorController, anchorsState, placeComments, rangeToAnchor, type AnchorsState } from "./anchors";
import { ROLE_LABEL, requireIdentity } from "./identity";
import type { ReviewApi } from "./rapi";

/** The id of the range being commented while the new-comment form is open. */
export const PENDING = "__pending__";
export const MAX_COMMENT_CHARS = 5000;

export type StateFilter = "open" | "resolved" | "all";

export interface Filter {
  state: StateFilter;
  mine: boolean;
  part: string | null;
}

/** The threads a filter shows, in document order as the backend lists them. */
export function filterThreads(list: readonly Comment[], f: Filter): Comment[] {
  return list.filter(
    (c) =>
      (f.state === "all" || (f.state === "open" ? !c.resolved : c.resolved)) &&
      (!f.mine || c.mine) &&
      (f.part === null || c.part_id === f.part),
  );
}

/** Open threads per top-level part id. */
export function openByPart(list: readonly Comment[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of list) if (!c.resolved && c.part_id) out.set(c.part_id, (out.get(c.part_id) ?? 0) + 1);
  return out;
}

export interface PanelOptions {
  reportId: string;
  view: EditorView;
  api: ReviewApi;
  anchors: AnchorController;
  say(m: string): void;
  onError(e: ApiError): void;
  /** Saves pending edits (a new comment's paragraph must be in the library). */
  flush(): Promise<boolean>;
  /** Called after the list changed (counts for the outline and the workflow bar). */
  onCounts?(): void;
}

export class CommentsPanel {
  readonly el: HTMLElement;
  readonly button: HTMLButtonElement;
  comments: Comment[] = [];
  filter: Filter = { state: "open", mine: false, part: null };
  private readonly list: HTMLElement;
  private readonly counts: HTMLElement;
  private readonly form: HTMLElement;
  private readonly stateSel: HTMLSelectElement;
  private readonly mineBox: HTMLInputElement;
  private readonly partSel: HTMLSelectElement;
  private badgeHost: HTMLElement | null = null;
  private deletedSeen = new Set<string>();
  private active: string | null = null;
  private disposed = false;

  constructor(private readonly o: PanelOptions) {
    this.button = h("button", { type: "button", "data-keep": "1", testid: "comments-button", "aria-expanded": "false", title: "显示或隐藏批注",
      onclick: () => this.toggle() }, "批注");
    this.counts = h("p", { className: "comment-counts", testid: "comment-counts", role: "status" });
    this.stateSel = h("select", { testid: "comment-filter-state", "aria-label": "按状态筛选" },
      h("option", { value: "open", selected: true }, "未解决"), h("option", { value: "resolved" }, "已解决"), h("option", { value: "all" }, "全部"));
    this.mineBox = h("input", { type: "checkbox", id: "comment-filter-mine", testid: "comment-filter-mine" });
    this.partSel = h("select", { testid: "comment-filter-part", "aria-label": "按部分筛选" });
    this.stateSel.addEventListener("change", () => this.setFilter({ state: this.stateSel.value as StateFilter }));
    this.mineBox.addEventListener("change", () => this.setFilter({ mine: this.mineBox.checked }));
    this.partSel.addEventListener("change", () => this.setFilter({ part: this.partSel.value === "" ? null : this.partSel.value }));
    this.form = h("div", { className: "comment-new", testid: "comment-new", hidden: true });
    this.list = h("div", { className: "comment-list", testid: "comment-list" });
    this.el = h("aside", { className: "comments-panel", testid: "comments-panel", "aria-label": "批注", hidden: true },
      h("div", { className: "panel-head" }, h("h2", {}, "批注"),
        h("button", { type: "button", className: "link", "aria-label": "关闭批注与修订面板", onclick: () => this.toggle(false) }, "关闭")),
      h("div", { className: "comment-filters" }, this.stateSel,
        h("label", { className: "check", for: "comment-filter-mine" }, this.mineBox, "我的"), this.partSel),
      this.counts, this.form, this.list);
  }

  toggle(open = this.el.hidden): void {
    this.el.hidden = !open;
    this.button.setAttribute("aria-expanded", String(open));
    if (open) this.render();
  }

  setFilter(f: Partial<Filter>): void {
    this.filter = { ...this.filter, ...f };
    this.stateSel.value = this.filter.state;
    this.mineBox.checked = this.filter.mine;
    this.partSel.value = this.filter.part ?? "";
    this.render();
  }

  async load(): Promise<void> {
    try {
      const list = await this.o.api.listComments(this.o.reportId, { state: "all", mine: false, part_id: null });
      if (this.disposed) return;
      this.comments = list;
      this.deletedSeen = new Set();
      // The range of a comment being written stays while its form is open.
      const pending = this.form.hidden ? [] : anchorsState(this.o.view.state).placed.filter((p) => p.id === PENDING);
      this.o.anchors.set({ placed: [...placeComments(this.o.view.state.doc, list), ...pending] });
      this.render();
      this.renderBadges();
      this.o.onCounts?.();
    } catch (e) {
      const err = toApiError(e);
      // A backend without review commands (older test fakes) simply has no comments.
      if (err.code !== "unknown_command") this.o.onError(err);
    }
  }

  get openCount(): number {
    return this.comments.filter((c) => !c.resolved).length;
  }

  /** The anchors moved or lost their text: show 原文已删除 without waiting for the save. */
  anchorsChanged(st: AnchorsState): void {
    const fresh = [...st.deleted].filter((id) => id !== PENDING && !this.deletedSeen.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) this.deletedSeen.add(id);
    if (!this.el.hidden) this.render();
  }

  isOrphaned(c: Comment): boolean {
    return c.orphaned || anchorsState(this.o.view.state).deleted.has(c.id);
  }

  // ---- adding -------------------------------------------------------------------------

  /** 添加批注 on the editor's selection. */
  async startAdd(): Promise<void> {
    const v = this.o.view;
    const { from, to, empty } = v.state.selection;
    if (empty) {
      this.o.say("请先选中要批注的文字");
      return;
    }
    const $from = v.state.doc.resolve(from);
    if (!$from.parent.isTextblock || ($from.parent.type !== T.paragraph && $from.parent.type !== T.sectionHeading && $from.parent.type !== T.attachmentTitle)) {
      this.o.say("只能对正文、小节标题或附件标题中的文字添加批注");
      return;
    }
    const end = Math.min(to, $from.end());
    if (end <= from) {
      this.o.say("请先选中要批注的文字");
      return;
    }
    if (to > $from.end()) this.o.say("批注只针对一个段落：已取所选内容的第一段");
    if (!(await requireIdentity())) return;
    this.o.anchors.set({ add: { id: PENDING, from, to: end, kind: "inline", resolved: false } });
    this.toggle(true);
    this.showForm(v.state.doc.textBetween(from, end));
  }

  private showForm(quote: string): void {
    clear(this.form);
    const text = h("textarea", { testid: "comment-input", rows: 3, "aria-label": "批注内容", placeholder: "输入批注内容（Ctrl+Enter 提交）", maxlength: MAX_COMMENT_CHARS * 2 });
    const err = h("p", { className: "field-error", role: "alert", testid: "comment-error" });
    const ok = h("button", { type: "button", className: "primary", testid: "comment-submit" }, "添加批注");
    const cancel = h("button", { type: "button", testid: "comment-cancel" }, "取消");
    this.form.append(h("blockquote", { className: "quote" }, `“${clip(quote, 60)}”`), text, err, h("div", { className: "dialog-buttons" }, cancel, ok));
    this.form.hidden = false;
    const close = () => {
      this.form.hidden = true;
      clear(this.form);
      this.o.anchors.set({ remove: PENDING });
    };
    cancel.addEventListener("click", () => {
      close();
      this.o.view.focus();
    });
    const submit = async () => {
      const body = text.value.trim();
      if (body === "") {
        err.textContent = "批注内容不能为空";
        return;
      }
      if ([...body].length > MAX_COMMENT_CHARS) {
        err.textContent = `批注过长（上限${MAX_COMMENT_CHARS}字）`;
        return;
      }
      ok.disabled = true;
      err.textContent = "";
      try {
        if (!(await this.o.flush())) throw { code: "unsaved", message: "正文尚未保存，暂不能添加批注；请查看底部的保存状态" };
        const p = anchorsState(this.o.view.state).placed.find((x) => x.id === PENDING);
        const a = p ? rangeToAnchor(this.o.view.state.doc, p.from, p.to) : null;
        if (!p || !a) throw { code: "bad_anchor", message: "所选文字已被删除，无法添加批注" };
        const c = await this.o.api.addComment(this.o.reportId, { kind: "range", node_id: a.node_id, start: a.start, end: a.end }, body);
        this.o.anchors.set({ remove: PENDING, add: { id: c.id, from: p.from, to: p.to, kind: "inline", resolved: false } });
        this.form.hidden = true;
        clear(this.form);
        this.comments = [...this.comments, c];
        if (this.filter.state === "resolved") this.setFilter({ state: "open" });
        this.active = c.id;
        this.render();
        this.renderBadges();
        this.o.onCounts?.();
        this.o.say("已添加批注");
        void this.load();
      } catch (e) {
        err.textContent = toApiError(e).message;
        ok.disabled = false;
      }
    };
    ok.addEventListener("click", () => void submit());
    text.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        void submit();
      } else if (ev.key === "Escape") cancel.click();
    });
    text.focus();
  }

  // ---- navigation ----------------------------------------------------------------------

  /** Highlighted text was clicked: show its thread. */
  openThread(id: string): void {
    const c = this.comments.find((x) => x.id === id);
    if (!c) return;
    if (filterThreads([c], this.filter).length === 0) this.setFilter({ state: "all", mine: false, part: null });
    this.active = id;
    this.toggle(true);
    this.o.anchors.set({ selected: id });
    const el = this.list.querySelector<HTMLElement>(`[data-comment-id="${id}"]`);
    el?.scrollIntoView({ block: "nearest" });
  }

  /** A thread was clicked: scroll to its text and highlight it. */
  jumpTo(id: string): void {
    this.active = id;
    for (const el of this.list.querySelectorAll<HTMLElement>(".thread")) el.classList.toggle("active", el.dataset.commentId === id);
    const p = anchorsState(this.o.view.state).placed.find((x) => x.id === id);
    if (!p) {
      this.o.say("批注的原文已删除，无法定位");
      return;
    }
    this.o.anchors.set({ selected: id });
    const dom = this.o.view.domAtPos(p.from);
    const el = dom.node instanceof HTMLElement ? dom.node : dom.node.parentElement;
    el?.scrollIntoView({ block: "center" });
  }

  // ---- rendering -------------------------------------------------------------------------

  private partOptions(): { id: string; label: string }[] {
    const out: { id: string; label: string }[] = [];
    let i = 0;
    this.o.view.state.doc.forEach((n) => {
      if (n.type === T.part) out.push({ id: n.attrs.id as string, label: `${numberPrefix(1, i++)}${clip(n.firstChild?.attrs.text as string, 14)}` });
    });
    return out;
  }

  render(): void {
    if (this.el.hidden) return;
    const open = this.comments.filter((c) => !c.resolved).length;
    const orphaned = this.comments.filter((c) => this.isOrphaned(c)).length;
    this.counts.textContent = `未解决 ${open} 条 · 已解决 ${this.comments.length - open} 条${orphaned ? ` · 原文已删除 ${orphaned} 条` : ""}`;
    const parts = this.partOptions();
    clear(this.partSel);
    this.partSel.append(h("option", { value: "" }, "全部部分"), ...parts.map((p) => h("option", { value: p.id, selected: p.id === this.filter.part }, p.label)));
    clear(this.list);
    const shown = filterThreads(this.comments, this.filter);
    if (shown.length === 0)
      this.list.append(h("p", { className: "empty", testid: "comments-empty" },
        this.comments.length === 0 ? "还没有批注。选中文字后点击“添加批注”（Ctrl+Alt+M）。" : "没有符合筛选条件的批注。"));
    for (const c of shown) this.list.append(this.thread(c));
  }

  private thread(c: Comment): HTMLElement {
    const orphan = this.isOrphaned(c);
    const quote = c.anchor?.quote ?? "";
    const el = h("article", { className: `thread${c.resolved ? " resolved" : ""}${c.id === this.active ? " active" : ""}`, testid: "comment-thread",
      "data-comment-id": c.id, "data-state": c.resolved ? "resolved" : "open", "data-orphaned": orphan ? "1" : null },
      h("button", { type: "button", className: "quote", testid: "comment-quote", title: orphan ? "原文已删除" : "定位到原文", onclick: () => this.jumpTo(c.id) },
        orphan ? h("span", { className: "orphan", testid: "comment-orphaned" }, "原文已删除") : null,
        `“${clip(quote, 80)}”`),
      this.item(c, false));
    for (const r of c.replies) el.append(this.item(r, true));
    const replyBtn = h("button", { type: "button", className: "link", testid: "reply-button" }, "回复");
    // Closing is for the comment's author or a 签发人: the core says who may
    // (`may_close`) and refuses anyone else; the others answer with 已处理.
    const mayClose = c.may_close;
    const resolveBtn = h("button", { type: "button", className: "link", testid: "resolve-button", disabled: !mayClose,
      title: mayClose ? "" : `只有批注人（${c.author}）或签发人可以${c.resolved ? "重新打开" : "关闭"}此批注` },
      c.resolved ? "重新打开" : "关闭批注");
    const handledBtn = !c.resolved && !c.handled && !c.mine
      ? h("button", { type: "button", className: "link", testid: "handled-button", title: "回复说明如何处理，并标记为已处理，由批注人或签发人关闭" }, "标记已处理")
      : null;
    const state = c.resolved && c.resolved_by
      ? h("span", { className: "muted", testid: "comment-state" }, `${c.resolved_by}于${localDateTime(c.resolved_at ?? "")}关闭`)
      : c.handled && c.resolved_by
        ? h("span", { className: "handled-note", testid: "comment-state" }, `已处理（${c.resolved_by}于${localDateTime(c.resolved_at ?? "")}标记），待批注人或签发人关闭`)
        : null;
    const foot = h("footer", { className: "thread-actions" }, replyBtn, handledBtn, resolveBtn, state);
    el.append(foot);
    replyBtn.addEventListener("click", () => this.replyForm(c, el, foot));
    handledBtn?.addEventListener("click", () => this.replyForm(c, el, foot, true));
    resolveBtn.addEventListener("click", () => void this.act(resolveBtn, () => (c.resolved ? this.o.api.reopenComment(c.id) : this.o.api.resolveComment(c.id)),
      c.resolved ? "已重新打开批注" : "已关闭批注"));
    return el;
  }

  private item(c: Comment, reply: boolean): HTMLElement {
    const text = h("p", { className: "comment-text", testid: "comment-text" }, c.text);
    const who = `${c.author}${c.role ? `（${ROLE_LABEL[c.role]}）` : ""}`;
    const el = h("div", { className: reply ? "comment reply" : "comment", testid: reply ? "comment-reply" : "comment-item" },
      h("div", { className: "comment-meta" }, h("strong", {}, who), " ",
        h("time", { datetime: c.created_at }, localDateTime(c.created_at)), c.edited_at ? h("span", { className: "muted" }, "（已修改）") : null),
      text);
    if (c.mine) {
      const edit = h("button", { type: "button", className: "link", testid: "comment-edit" }, "编辑");
      const del = h("button", { type: "button", className: "link danger", testid: "comment-delete" }, "删除");
      const bar = h("div", { className: "comment-own" }, edit, del);
      el.append(bar);
      edit.addEventListener("click", () => this.editForm(c, el, text, bar));
      del.addEventListener("click", () => {
        clear(bar);
        const yes = h("button", { type: "button", className: "link danger", testid: "comment-delete-confirm" }, "确定删除");
        const no = h("button", { type: "button", className: "link" }, "取消");
        bar.append(h("span", {}, "删除此条批注？"), yes, no);
        no.addEventListener("click", () => this.render());
        yes.addEventListener("click", () => void this.act(yes, () => this.o.api.deleteComment(c.id), "已删除批注"));
      });
    }
    return el;
  }

  /** A reply; with `handled`, the reply says what was done and marks the comment 已处理. */
  private replyForm(c: Comment, thread: HTMLElement, foot: HTMLElement, handled = false): void {
    thread.querySelector(".reply-form")?.remove();
    const input = h("textarea", { testid: "reply-input", rows: 2, "aria-label": handled ? "处理说明" : "回复内容",
      placeholder: handled ? "说明如何处理（Ctrl+Enter 标记已处理）" : "回复（Ctrl+Enter 发送）" });
    const err = h("p", { className: "field-error", role: "alert" });
    const send = h("button", { type: "button", className: "primary", testid: "reply-submit" }, handled ? "标记已处理" : "发送");
    const cancel = h("button", { type: "button" }, "取消");
    const form = h("div", { className: "reply-form" }, input, err, h("div", { className: "dialog-buttons" }, cancel, send));
    foot.before(form);
    cancel.addEventListener("click", () => form.remove());
    const submit = async () => {
      if (input.value.trim() === "") {
        err.textContent = "回复内容不能为空";
        return;
      }
      if (!(await requireIdentity())) return;
      send.disabled = true;
      try {
        if (handled) await this.o.api.markCommentHandled(c.id, input.value.trim());
        else await this.o.api.replyComment(this.o.reportId, c.id, input.value.trim());
        this.active = c.id;
        this.o.say(handled ? "已标记为已处理，待批注人或签发人关闭" : "已回复");
        await this.load();
      } catch (e) {
        err.textContent = toApiError(e).message;
        send.disabled = false;
      }
    };
    send.addEventListener("click", () => void submit());
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        void submit();
      }
    });
    input.focus();
  }

  private editForm(c: Comment, el: HTMLElement, text: HTMLElement, bar: HTMLElement): void {
    const input = h("textarea", { testid: "edit-input", rows: 3, "aria-label": "修改批注" });
    input.value = c.text;
    const err = h("p", { className: "field-error", role: "alert" });
    const save = h("button", { type: "button", className: "primary", testid: "edit-save" }, "保存");
    const cancel = h("button", { type: "button" }, "取消");
    text.hidden = true;
    bar.hidden = true;
    const form = h("div", { className: "edit-form" }, input, err, h("div", { className: "dialog-buttons" }, cancel, save));
    el.append(form);
    cancel.addEventListener("click", () => this.render());
    save.addEventListener("click", async () => {
      if (input.value.trim() === "") {
        err.textContent = "批注内容不能为空";
        return;
      }
      save.disabled = true;
      try {
        await this.o.api.editComment(c.id, input.value.trim());
        this.o.say("已修改批注");
        await this.load();
      } catch (e) {
        err.textContent = toApiError(e).message;
        save.disabled = false;
      }
    });
    input.focus();
  }

  private async act(btn: HTMLButtonElement, run: () => Promise<unknown>, done: string): Promise<void> {
    if (!(await requireIdentity())) return;
    btn.disabled = true;
    try {
      await run();
      this.o.say(done);
      await this.load();
    } catch (e) {
      const err = toApiError(e);
      this.o.say(err.message);
      btn.disabled = false;
    }
  }

  /** Open comments per part in the outline's badge slots. */
  renderBadges(host: HTMLElement | null = this.badgeHost): void {
    this.badgeHost = host;
    if (!host) return;
    const counts = openByPart(this.comments);
    for (const slot of host.querySelectorAll<HTMLElement>("[data-badges-for]")) {
      for (const old of slot.querySelectorAll(".comment-badge")) old.remove();
      const n = counts.get(slot.dataset.badgesFor ?? "");
      if (n) slot.append(h("span", { className: "comment-badge", testid: "comment-badge", title: `未解决批注 ${n} 条` }, `批注${n}`));
    }
    this.button.textContent = this.openCount > 0 ? `批注（${this.openCount}）` : "批注";
  }

  dispose(): void {
    this.disposed = true;
    this.el.remove();
  }
}

function clip(s: string, n: number): string {
  const cs = [...(s ?? "")];
  return cs.length > n ? `${cs.slice(0, n).join("")}…` : cs.join("");
}
