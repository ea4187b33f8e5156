// [tracking #17] 修订 in an open report: the mode (toggle, Ctrl+Shift+E, forced
// on for a reviewer while the report is 审阅中), the pending changes laid over the
// text when the report opens, the 修订 list beside 批注 (author, role, time,
// old/new text, click to jump, accept/reject one, all, or all of one person's),
// and the same accept/reject on the editor's context menu over a change.
//
// The rules are the core's: who may accept or reject, the template check of
// both outcomes, the audit entries. Accepting or rejecting flushes the editor,
// calls the command and reopens the report with what the core answers.
import { Plugin, PluginKey, TextSelection } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { changesApi, toApiError, type ApiError } from "../api";
import type { AnchorUpdate } from "../bindings/AnchorUpdate";
import type { Document } from "../bindings/Document";
import type { SavedReviewed } from "../bindings/SavedReviewed";
import type { ChangesDecided } from "../bindings/ChangesDecided";
import type { ChangeUpdate } from "../bindings/ChangeUpdate";
import type { Status } from "../bindings/Status";
import { clear, h } from "../dom";
import { changeAt, changeRange, changeUpdates, hasChanges, layChanges, type TrackedChange, type Unshown } from "../editor/changes-convert";
import { BREAK, authorColour, shortTime, whoLabel } from "../editor/suggest-marks";
import { DEL, changeMark, trackingKey, trackingPlugin, trackingState, type Actor } from "../editor/tracking";
import { identity, requireIdentity } from "./identity";

export interface ChangesApi {
  listChanges(id: string): Promise<TrackedChange[]>;
  acceptChange(changeId: string): Promise<ChangesDecided>;
  rejectChange(changeId: string): Promise<ChangesDecided>;
  acceptAllChanges(id: string, author: string | null): Promise<ChangesDecided>;
  rejectAllChanges(id: string, author: string | null): Promise<ChangesDecided>;
}

/** With the editor's save in 修订 (the original text, comment ranges and every change shown). */
export interface ChangesReviewApi extends ChangesApi {
  saveReportReviewed(id: string, expectedVersion: number | null, document: Document, anchors: AnchorUpdate[], changes: ChangeUpdate[]): Promise<SavedReviewed>;
}

export const changesRapi: ChangesReviewApi = {
  listChanges: (id) => changesApi.listChanges(id),
  acceptChange: (changeId) => changesApi.acceptChange(changeId),
  rejectChange: (changeId) => changesApi.rejectChange(changeId),
  acceptAllChanges: (id, author) => changesApi.acceptAllChanges(id, author),
  rejectAllChanges: (id, author) => changesApi.rejectAllChanges(id, author),
  saveReportReviewed: (id, expected, document, anchors, changes) => changesApi.saveReportReviewed(id, expected, document, anchors, changes),
};

export interface ChangesOptions {
  reportId: string;
  view: EditorView;
  api: ChangesApi;
  /** The report's workflow state (null: unknown). */
  status: Status | null;
  /** Past review (or a review copy): nothing can be suggested or decided here. */
  locked: boolean;
  say(m: string): void;
  onError(e: ApiError): void;
  /** Saves pending edits (a decision applies to the saved text). */
  flush(): Promise<boolean>;
  /** Reopens the report (after a decision the core's text and changes are loaded again). */
  reload(): void;
  /** Shows the side panel with the 修订 list. */
  show(): void;
}

/** One change as listed: from the editor's marks (live) or, when not shown in the text, from the core. */
export interface ListedChange {
  id: string;
  author: string;
  role: string | null;
  time: string;
  old: string;
  new: string;
  /** Where it is, in words (the core's, once saved). */
  location: string;
  inText: boolean;
  unshown: Unshown | null;
}

const UNSHOWN_NOTE: Record<Unshown, string> = {
  orphaned: "原文已变，找不到原来的位置（只能拒绝）",
  elsewhere: "不在正文可显示的位置",
};

/** The changes shown in the text, in reading order (old text's node breaks as ¶). */
export function listedFromDoc(view: EditorView): ListedChange[] {
  const byId = new Map<string, ListedChange & { lastBlock: number }>();
  let block = 0;
  view.state.doc.descendants((n) => {
    if (!n.isTextblock) return true;
    block++;
    n.forEach((c) => {
      const m = changeMark(c.marks);
      if (!m) return;
      const id = m.attrs.id as string;
      let e = byId.get(id);
      if (!e) {
        e = { id, author: m.attrs.author as string, role: m.attrs.role as string | null, time: m.attrs.time as string, old: "", new: "",
          location: "", inText: true, unshown: null, lastBlock: block };
        byId.set(id, e);
      }
      if (m.type === DEL) {
        // A deleted break is shown as a struck ¶ at the end of its block.
        if (e.lastBlock !== block && e.old !== "" && !e.old.endsWith(BREAK)) e.old += BREAK;
        e.old += c.text ?? "";
      } else e.new += c.text ?? "";
      e.lastBlock = block;
    });
    return false;
  });
  return [...byId.values()].map(({ lastBlock: _b, ...rest }) => rest);
}

/** Whether a reviewer must suggest (the core refuses their direct edits while 审阅中). */
export function forcedReason(status: Status | null, role: string | null | undefined): string | null {
  return status === "review" && role === "reviewer" ? "报告审阅中：审核人的修改一律以修订方式记录，不能关闭修订" : null;
}

/** The drafter's own choice, kept while the window is open (a reopened report keeps it). */
let chosenOn = false;
/** Reopen the 修订 list after the report reloads (a decision was just made). */
let reopenListFor: string | null = null;

export class ChangesUi {
  /** 修订 (the mode) for the toolbar's review group. */
  readonly toggle: HTMLButtonElement;
  /** 修订列表 for the toolbar. */
  readonly button: HTMLButtonElement;
  /** The list, placed in the side panel beside 批注. */
  readonly el: HTMLElement;
  /** From the core: every pending change (for locations, and those not shown in the text). */
  core: TrackedChange[] = [];
  private unshown = new Map<string, Unshown>();
  /** Changes that were in the text: once gone from it they were withdrawn (the next save says so). */
  private readonly seenInText = new Set<string>();
  /** Whether the core had pending changes or the editor made some (the save then reports them). */
  private active = false;
  private readonly list: HTMLElement;
  private readonly counts: HTMLElement;
  private readonly authorSel: HTMLSelectElement;
  private readonly acceptAll: HTMLButtonElement;
  private readonly rejectAll: HTMLButtonElement;
  private selected: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private menu: HTMLElement | null = null;
  private disposed = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly o: ChangesOptions) {
    const view = o.view;
    this.toggle = h("button", { type: "button", className: "tracking-toggle", testid: "tracking-toggle", "aria-pressed": "false",
      onmousedown: (ev: Event) => ev.preventDefault(), onclick: () => this.setOn(!this.on) }, "修订");
    this.button = h("button", { type: "button", "data-keep": "1", testid: "changes-button", title: "显示修订列表（待处理的修改建议）",
      onclick: () => this.showList() }, "修订列表");
    this.counts = h("p", { className: "comment-counts", testid: "changes-counts", role: "status" });
    this.authorSel = h("select", { testid: "changes-author", "aria-label": "按修订人筛选" });
    this.authorSel.addEventListener("change", () => this.render());
    this.acceptAll = h("button", { type: "button", testid: "changes-accept-all" }, "全部接受");
    this.rejectAll = h("button", { type: "button", testid: "changes-reject-all" }, "全部拒绝");
    this.acceptAll.addEventListener("click", () => void this.decide("accept", null, this.authorSel.value || null));
    this.rejectAll.addEventListener("click", () => void this.decide("reject", null, this.authorSel.value || null));
    this.list = h("div", { className: "changes-list", testid: "changes-list" });
    this.el = h("section", { className: "changes-view", testid: "changes-panel", "aria-label": "修订" },
      h("div", { className: "changes-actions" }, this.authorSel, this.acceptAll, this.rejectAll),
      this.counts, this.list);

    const me = identity.current;
    const forced = forcedReason(o.status, me?.role);
    view.updateState(view.state.reconfigure({
      plugins: [...view.state.plugins,
        trackingPlugin({ on: !o.locked && (forced !== null || chosenOn), forcedBy: forced, who: actor() }, { refused: (m) => o.say(m) }),
        this.viewPlugin()],
    }));
    this.unsubscribe = identity.onChange(() => this.follow());
    this.renderToggle();
    if (reopenListFor === o.reportId) {
      reopenListFor = null;
      queueMicrotask(() => this.showList());
    }
    void this.load();
  }

  get on(): boolean {
    return trackingState(this.o.view.state)?.on === true;
  }

  /** Switches 修订 on or off (refused while forced, or on a locked report). */
  setOn(on: boolean): void {
    const st = trackingState(this.o.view.state);
    if (!st || this.o.locked) return;
    if (!on && st.forcedBy) {
      this.o.say(st.forcedBy);
      return;
    }
    if (on && !(identity.current?.name ?? "").trim()) {
      void requireIdentity().then((ok) => ok && this.setOn(true));
      return;
    }
    chosenOn = on;
    this.o.view.dispatch(this.o.view.state.tr.setMeta(trackingKey, { on, who: actor() }).setMeta("addToHistory", false));
    this.renderToggle();
    this.o.say(on ? "已开启修订：修改将以修订方式记录，由起草人接受或拒绝" : "已关闭修订");
  }

  /** The identity changed (设置 → 身份): who suggests, and whether 修订 is forced. */
  private follow(): void {
    const st = trackingState(this.o.view.state);
    if (!st || this.disposed) return;
    const forced = forcedReason(this.o.status, identity.current?.role);
    const on = !this.o.locked && (forced !== null || st.on);
    this.o.view.dispatch(this.o.view.state.tr.setMeta(trackingKey, { on, forcedBy: forced, who: actor() }).setMeta("addToHistory", false));
    this.renderToggle();
    this.render();
  }

  private renderToggle(): void {
    const st = trackingState(this.o.view.state);
    const on = st?.on === true;
    this.toggle.setAttribute("aria-pressed", String(on));
    this.toggle.textContent = on ? "修订：开" : "修订：关";
    this.toggle.disabled = this.o.locked || !!st?.forcedBy;
    this.toggle.title = this.o.locked ? "报告已锁定，不能修订"
      : st?.forcedBy ? st.forcedBy
        : on ? "关闭修订（Ctrl+Shift+E）：之后的修改直接改动正文" : "开启修订（Ctrl+Shift+E）：修改以修订方式记录，可接受或拒绝";
  }

  /** Loads the core's pending changes and lays them over the text. */
  async load(): Promise<void> {
    try {
      const list = await this.o.api.listChanges(this.o.reportId);
      if (this.disposed) return;
      this.core = list;
      this.active ||= list.length > 0;
      const v = this.o.view;
      const { tr, unshown } = layChanges(v.state, list);
      this.unshown = unshown;
      if (tr.docChanged) v.dispatch(tr);
      this.render();
    } catch (e) {
      const err = toApiError(e);
      if (err.code !== "unknown_command") this.o.onError(err);
    }
  }

  /** What the save sends: every change the editor shows, and my own ones it cannot show. */
  updates(): ChangeUpdate[] | null {
    const doc = this.o.view.state.doc;
    this.active ||= hasChanges(doc);
    if (!this.active && !this.on) return null;
    const shown = changeUpdates(doc);
    const ids = new Set(shown.map((c) => c.id));
    // Own changes not shown in the text (not laid: their place is not in this view) would be withdrawn if left out.
    const kept = this.core.filter((c) => c.mine && !c.orphaned && this.unshown.has(c.id) && !ids.has(c.id))
      .map((c) => ({ id: c.id, start: c.start, end: c.end, new: c.new }));
    return [...shown, ...kept];
  }

  /** After a reviewed save: the core's word on every pending change. */
  saved(changes: TrackedChange[]): void {
    this.core = changes;
    this.scheduleRender();
  }

  // ---- the list --------------------------------------------------------------------------

  items(): ListedChange[] {
    const core = new Map(this.core.map((c) => [c.id, c]));
    const shown = listedFromDoc(this.o.view).map((c) => ({ ...c, location: core.get(c.id)?.location ?? "" }));
    const inText = new Set(shown.map((c) => c.id));
    // Not in the text: orphaned, or not placeable in this view.
    for (const i of inText) this.seenInText.add(i);
    const others = this.core.filter((c) => !inText.has(c.id) && !this.seenInText.has(c.id)).map((c): ListedChange => ({
      id: c.id, author: c.author, role: c.role, time: c.created_at, old: c.old.replaceAll("\n", "¶"), new: c.new.replaceAll("\n", "¶"),
      location: c.location, inText: false, unshown: this.unshown.get(c.id) ?? "elsewhere",
    }));
    return [...shown, ...others];
  }

  showList(): void {
    this.o.show();
    this.render();
  }

  private scheduleRender(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      // Never under an active composition: the list can wait for compositionend.
      if (this.o.view.composing) this.scheduleRender();
      else this.render();
    }, 300);
  }

  render(): void {
    if (this.disposed) return;
    const items = this.items();
    const n = items.length;
    this.button.textContent = n > 0 ? `修订列表（${n}）` : "修订列表";
    if (!this.el.isConnected || this.el.offsetParent === null) return;
    const authors = [...new Set(items.map((c) => c.author))];
    const pick = this.authorSel.value;
    clear(this.authorSel);
    this.authorSel.append(h("option", { value: "" }, "全部修订人"),
      ...authors.map((a) => h("option", { value: a, selected: a === pick }, a)));
    const who = this.authorSel.value || null;
    const shown = who ? items.filter((c) => c.author === who) : items;
    this.acceptAll.textContent = who ? `接受${who}的全部修订` : "全部接受";
    this.rejectAll.textContent = who ? `拒绝${who}的全部修订` : "全部拒绝";
    const reviewer = identity.current?.role === "reviewer";
    this.acceptAll.disabled = this.o.locked || shown.length === 0 || reviewer;
    this.acceptAll.title = reviewer ? "审核人不能接受修订；请由起草人或签发人接受" : "";
    this.rejectAll.disabled = this.o.locked || shown.length === 0;
    const people = authors.length;
    this.counts.textContent = n === 0 ? "" : `待处理修订 ${n} 处${people > 1 ? `（${people} 人）` : ""}`;
    clear(this.list);
    if (shown.length === 0)
      this.list.append(h("p", { className: "empty", testid: "changes-empty" },
        n === 0 ? "没有待处理的修订。开启“修订”（Ctrl+Shift+E）后，修改会以修订方式记录。" : "没有符合筛选条件的修订。"));
    for (const c of shown) this.list.append(this.item(c));
  }

  private item(c: ListedChange): HTMLElement {
    const me = identity.current;
    const mine = !!me && c.author === me.name;
    const reviewer = me?.role === "reviewer";
    const accept = h("button", { type: "button", className: "link", testid: "change-accept", disabled: this.o.locked || reviewer || c.unshown === "orphaned",
      title: reviewer ? "审核人不能接受修订；请由起草人或签发人接受" : c.unshown === "orphaned" ? "原文已变，只能拒绝" : "接受：按修订改动正文" }, "接受");
    const reject = h("button", { type: "button", className: "link danger", testid: "change-reject", disabled: this.o.locked || (reviewer && !mine),
      title: reviewer && !mine ? `审核人只能撤回自己的修订（此处由${c.author}提出）` : "拒绝：保留原文" }, reviewer && mine ? "撤回" : "拒绝");
    accept.addEventListener("click", (ev) => {
      ev.stopPropagation();
      void this.decide("accept", c.id);
    });
    reject.addEventListener("click", (ev) => {
      ev.stopPropagation();
      void this.decide("reject", c.id);
    });
    const kind = c.old && c.new ? "替换" : c.old ? "删除" : "插入";
    const el = h("article", { className: `change sg-c${authorColour(c.author)}${c.id === this.selected ? " active" : ""}`, testid: "change-item",
      "data-change-id": c.id, "data-orphaned": c.unshown === "orphaned" ? "1" : null, tabindex: 0, title: c.inText ? "定位到正文" : "",
      onclick: () => this.jump(c.id) },
      h("div", { className: "change-meta" }, h("strong", { testid: "change-author" }, whoLabel(c.author, c.role)),
        h("span", {}, kind), h("time", { datetime: c.time }, shortTime(c.time))),
      c.location ? h("div", { className: "change-meta", testid: "change-location" }, c.location) : null,
      h("p", { className: "change-text", testid: "change-text" },
        c.old ? h("del", { testid: "change-old" }, c.old) : null, c.new ? h("ins", { testid: "change-new" }, c.new) : null),
      c.unshown ? h("p", { className: "hint" }, UNSHOWN_NOTE[c.unshown]) : null,
      h("div", { className: "change-buttons" }, accept, reject));
    el.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") this.jump(c.id);
    });
    return el;
  }

  /** Scrolls to a change and selects it. */
  jump(id: string): void {
    this.selected = id;
    for (const el of this.list.querySelectorAll<HTMLElement>(".change")) el.classList.toggle("active", el.dataset.changeId === id);
    const v = this.o.view;
    const r = changeRange(v.state.doc, id);
    if (!r) {
      this.o.say("这处修订不在正文中显示，无法定位");
      return;
    }
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, r.from, r.to)).scrollIntoView());
    v.focus();
    const dom = v.domAtPos(r.from);
    const el = dom.node instanceof HTMLElement ? dom.node : dom.node.parentElement;
    el?.scrollIntoView({ block: "center" });
  }

  // ---- deciding ----------------------------------------------------------------------------

  /** Accepts or rejects one change (`id`), or all (of `author` when given). */
  async decide(what: "accept" | "reject", id: string | null, author: string | null = null): Promise<void> {
    if (this.o.locked) return;
    if (!(await requireIdentity())) return;
    if (!(await this.o.flush())) {
      this.o.say("正文尚未保存，暂不能处理修订；请查看底部的保存状态");
      return;
    }
    try {
      const api = this.o.api;
      const done = id
        ? await (what === "accept" ? api.acceptChange(id) : api.rejectChange(id))
        : await (what === "accept" ? api.acceptAllChanges(this.o.reportId, author) : api.rejectAllChanges(this.o.reportId, author));
      const n = done.decided.length;
      const verb = what === "accept" ? "接受" : "拒绝";
      this.o.say(n === 0 ? "没有可处理的修订" : `已${verb}修订 ${n} 处${done.skipped.length ? `；${done.skipped.length} 处原文已变，未接受` : ""}`);
      if (n > 0) {
        reopenListFor = this.o.reportId;
        this.o.reload();
      }
    } catch (e) {
      this.o.say(toApiError(e).message);
    }
  }

  // ---- the editor: shortcut, context menu, list refresh ---------------------------------------

  private viewPlugin(): Plugin {
    return new Plugin({
      key: new PluginKey("changes-ui"),
      props: {
        handleKeyDown: (_v, ev) => {
          if ((ev.ctrlKey || ev.metaKey) && ev.shiftKey && !ev.altKey && (ev.code === "KeyE" || ev.key.toLowerCase() === "e")) {
            ev.preventDefault();
            this.setOn(!this.on);
            return true;
          }
          return false;
        },
        handleDOMEvents: {
          contextmenu: (v, ev) => {
            const at = v.posAtCoords({ left: ev.clientX, top: ev.clientY });
            const m = at ? changeAt(v.state.doc, at.pos) : null;
            if (!m) return false;
            ev.preventDefault();
            this.openMenu(m.attrs.id as string, m.attrs.author as string, ev.clientX, ev.clientY);
            return true;
          },
        },
      },
      view: () => ({
        update: (v, prev) => {
          if (v.state.doc !== prev.doc) this.scheduleRender();
          if (trackingState(v.state) !== trackingState(prev)) this.renderToggle();
        },
      }),
    });
  }

  /** The context menu over a change: accept/reject it, or all of its author's. */
  openMenu(id: string, author: string, x: number, y: number): void {
    this.closeMenu();
    const me = identity.current;
    const reviewer = me?.role === "reviewer";
    const mine = !!me && me.name === author;
    const item = (label: string, testid: string, run: () => void, disabled = false, title = "") =>
      h("button", { type: "button", role: "menuitem", testid, disabled, title, onclick: () => {
        this.closeMenu();
        run();
      } }, label);
    const noAccept = reviewer ? "审核人不能接受修订；请由起草人或签发人接受" : "";
    const menu = h("div", { className: "change-menu", role: "menu", testid: "change-menu", "aria-label": "修订" },
      h("div", { className: "change-menu-head" }, `${author}的修订`),
      item("接受此修订", "menu-accept", () => void this.decide("accept", id), this.o.locked || reviewer, noAccept),
      item(reviewer && mine ? "撤回此修订" : "拒绝此修订", "menu-reject", () => void this.decide("reject", id), this.o.locked || (reviewer && !mine)),
      item(`接受${author}的全部修订`, "menu-accept-author", () => void this.decide("accept", null, author), this.o.locked || reviewer, noAccept),
      item(`拒绝${author}的全部修订`, "menu-reject-author", () => void this.decide("reject", null, author), this.o.locked || (reviewer && !mine)),
      item("在修订列表中查看", "menu-show", () => {
        this.showList();
        this.jump(id);
      }));
    menu.style.left = `${Math.min(x, window.innerWidth - 220)}px`;
    menu.style.top = `${Math.min(y, window.innerHeight - 200)}px`;
    document.body.append(menu);
    this.menu = menu;
    (menu.querySelector("button:not(:disabled)") as HTMLButtonElement | null)?.focus();
    const away = (ev: Event) => {
      if (!menu.contains(ev.target as Node)) this.closeMenu();
    };
    const key = (ev: KeyboardEvent) => {
      if (ev.key === "Escape") {
        this.closeMenu();
        this.o.view.focus();
      }
    };
    document.addEventListener("pointerdown", away, true);
    document.addEventListener("keydown", key, true);
    menu.addEventListener("remove-listeners", () => {
      document.removeEventListener("pointerdown", away, true);
      document.removeEventListener("keydown", key, true);
    });
  }

  private closeMenu(): void {
    if (!this.menu) return;
    this.menu.dispatchEvent(new Event("remove-listeners"));
    this.menu.remove();
    this.menu = null;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.closeMenu();
    this.unsubscribe();
  }
}

function actor(): Actor {
  const i = identity.current;
  return { name: (i?.name ?? "").trim(), role: i?.role ?? null };
}
