// The 校对 panel: findings grouped by category and rule with counts, click to
// go to one, 修正 and 全部修正（此类）, outline badges, re-check as you type.
//
// Checking: ~300 ms after the last edit the document is sent to check_document
// (the backend keeps each node's findings and re-reads only the nodes that
// changed). While an IME composition is active nothing is sent and no
// decoration changes: results wait for compositionend.
import { TextSelection, type Transaction } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { toApiError } from "../api";
import type { Document } from "../bindings/Document";
import type { Finding } from "../bindings/Finding";
import type { RuleInfo } from "../bindings/RuleInfo";
import { clear, h } from "../dom";
import { checkMarks, checkMarksKey, type CheckMark, type MarksMeta } from "../editor/check-marks";
import {
  SEVERITIES,
  SEVERITY_LABEL,
  badgeCounts,
  charToUtf16,
  context,
  findingKey,
  fixedHeading,
  groupFindings,
  indexDoc,
  locate,
  type Counts,
  type DocIndex,
  type Located,
} from "./locate";
import { setPartHeadingText } from "../editor/plugins";
import { openRuleSettings, type ChecksApi } from "./settings";
import type { Checked } from "../bindings/Checked";
import type { IgnoreScope } from "../bindings/IgnoreScope";
import type { IgnoredFinding } from "../bindings/IgnoredFinding";

/** [proofing #18] Ignoring findings (proofingApi in the app). */
export interface IgnoreApi {
  checkReport(id: string, document: Document): Promise<Checked>;
  ignoreFinding(id: string, finding: Finding, scope: IgnoreScope): Promise<IgnoredFinding>;
  listIgnored(id: string): Promise<IgnoredFinding[]>;
  restoreIgnored(ignoredId: number): Promise<null>;
}

const SCOPE_LABEL: Record<IgnoreScope, string> = { once: "仅此一处", report: "本报告", library: "全部报告" };

export interface CheckPanelOptions {
  view: EditorView;
  /** The document as it would be saved. */
  snapshot(): Document;
  api: ChecksApi;
  /** A short message in the status line. */
  say(message: string): void;
  /** Read-only report: findings are shown, fixes are not offered. */
  locked: boolean;
  /** Asked to show the metadata panel (for findings in 报告信息). */
  showMeta(): void;
  /** The open report and the ignore commands: 忽略, 忽略并记住, 已忽略 and 恢复. */
  ignore?: { reportId: string; api: IgnoreApi };
}

/** Findings listed per rule until 显示其余 is clicked (keeps a re-check cheap). */
const LIST_LIMIT = 50;
export const CHECK_DELAY_MS = 300;

export class CheckPanel {
  readonly el: HTMLElement;
  readonly button: HTMLButtonElement;
  private findings: Finding[] = [];
  /** How many findings the library's ignores set aside at the last check. */
  private ignoredCount = 0;
  private rules = new Map<string, RuleInfo>();
  private timer: number | undefined;
  private seq = 0;
  private running = false;
  private again = false;
  /** Results that arrived during a composition, applied at compositionend. */
  private deferred = false;
  private disposed = false;
  private selected: string | null = null;
  private badgeHost: HTMLElement | null = null;
  /** Rules whose whole list the user asked to see. */
  private readonly expanded = new Set<string>();
  /** What the list shows now, to skip rebuilding it when a re-check found the same. */
  private shown = "";
  private readonly list: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly status: HTMLElement;
  private readonly onCompositionEnd = () => {
    // ProseMirror reads the committed text after the event: wait a tick.
    window.setTimeout(() => {
      if (this.disposed || this.opts.view.composing) return;
      if (this.deferred) this.applyMarks();
      this.schedule(0);
    }, 0);
  };

  constructor(private readonly opts: CheckPanelOptions) {
    this.summary = h("span", { className: "checks-summary", testid: "checks-summary" });
    this.status = h("p", { className: "checks-status hint", testid: "checks-status", role: "status", "aria-live": "polite" });
    this.list = h("div", { className: "checks-list", testid: "checks-list" });
    const settings = h("button", { type: "button", className: "link", testid: "checks-settings", onclick: () => void this.openSettings() }, "规则设置");
    const close = h("button", { type: "button", className: "link", "aria-label": "关闭校对面板", onclick: () => this.toggle(false) }, "关闭");
    this.el = h("aside", { className: "checks-panel", testid: "checks-panel", "aria-label": "校对", hidden: true },
      h("div", { className: "checks-head" }, h("h2", {}, "校对"), this.summary, h("span", { className: "spacer" }), settings, close),
      this.status,
      this.list);
    this.button = h("button", { type: "button", "data-keep": "1", testid: "checks-toggle", "aria-expanded": "false", title: "校对：标点、年份、文号、日期、引用等问题", onclick: () => this.toggle() }, "校对");
    opts.view.dom.addEventListener("compositionend", this.onCompositionEnd);
    this.renderSummary();
    void this.loadRules();
    this.schedule(0);
  }

  get open(): boolean {
    return !this.el.hidden;
  }

  toggle(show = this.el.hidden): void {
    this.el.hidden = !show;
    this.button.setAttribute("aria-expanded", String(show));
    this.button.classList.toggle("active", show);
    if (show) {
      this.render();
      this.schedule(0);
    }
  }

  /** The document changed (typing, a fix, metadata): check again soon. */
  changed(): void {
    this.schedule(CHECK_DELAY_MS);
  }

  dispose(): void {
    this.disposed = true;
    window.clearTimeout(this.timer);
    this.opts.view.dom.removeEventListener("compositionend", this.onCompositionEnd);
    this.el.remove();
  }

  /** The current findings (tests, the review helper's error count). */
  get current(): readonly Finding[] {
    return this.findings;
  }

  errorCount(): number {
    return this.findings.filter((f) => f.severity === "error").length;
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.run(), ms);
  }

  private async run(): Promise<void> {
    if (this.disposed) return;
    // Never read the document mid-composition (pre-edit text); compositionend re-schedules.
    if (this.opts.view.composing) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    const seq = ++this.seq;
    const sentDoc = this.opts.view.state.doc;
    try {
      const ig = this.opts.ignore;
      let findings: Finding[];
      let ignored = 0;
      if (ig) {
        const checked = await ig.api.checkReport(ig.reportId, this.opts.snapshot());
        findings = checked.findings;
        ignored = checked.ignored.length;
      } else {
        findings = await this.opts.api.checkDocument(this.opts.snapshot());
      }
      if (this.disposed || seq !== this.seq) return;
      this.findings = findings;
      this.ignoredCount = ignored;
      this.status.textContent = "";
      delete this.status.dataset.state;
      this.el.dataset.checked = String(seq);
      if (this.opts.view.state.doc !== sentDoc) this.again = true;
      const t0 = performance.now();
      this.applyMarks();
      const t1 = performance.now();
      this.render();
      // Visible in the browser's performance timeline (and the checks bench).
      performance.measure("校对:underlines", { start: t0, end: t1 });
      performance.measure("校对:panel", { start: t1, end: performance.now() });
    } catch (e) {
      if (this.disposed) return;
      this.status.dataset.state = "failed";
      this.status.textContent = `校对失败：${toApiError(e).message}`;
    } finally {
      this.running = false;
      if (this.again && !this.disposed) {
        this.again = false;
        this.schedule(CHECK_DELAY_MS);
      }
    }
  }

  /** Puts the findings' underlines into the editor, unless a composition is active. */
  private applyMarks(): void {
    const view = this.opts.view;
    if (view.composing) {
      this.deferred = true;
      return;
    }
    this.deferred = false;
    const index = indexDoc(view.state.doc);
    const marks: CheckMark[] = [];
    for (const f of this.findings) {
      const at = locate(index, f);
      if (at) marks.push({ from: at.from, to: at.to, kind: at.kind, severity: f.severity, key: findingKey(f) });
    }
    if (this.selected && !marks.some((m) => m.key === this.selected)) this.selected = null;
    // Usually the underlines moved with the typing already: then nothing to redraw.
    const now = checkMarks(view.state);
    const same =
      now.selected === this.selected &&
      now.marks.length === marks.length &&
      now.marks.every((m, i) => m.from === marks[i].from && m.to === marks[i].to && m.key === marks[i].key && m.severity === marks[i].severity);
    if (same) {
      this.renderBadges();
      return;
    }
    const meta: MarksMeta = { marks, selected: this.selected };
    view.dispatch(view.state.tr.setMeta(checkMarksKey, meta).setMeta("addToHistory", false));
    this.renderBadges();
  }

  private async loadRules(): Promise<void> {
    try {
      for (const r of await this.opts.api.listRules()) this.rules.set(r.id, r);
      if (this.open) this.render();
    } catch {
      // The panel still works with rule ids; the settings dialog reports the error.
    }
  }

  // ---- rendering --------------------------------------------------------------

  private renderSummary(counts?: Counts): void {
    clear(this.summary);
    if (!counts) return;
    const total = counts.error + counts.warning + counts.info;
    if (total === 0) {
      this.summary.append(h("span", { className: "checks-ok" }, "未发现问题"));
      return;
    }
    for (const s of SEVERITIES)
      this.summary.append(h("span", { className: `sev-pill sev-${s}`, "data-severity": s }, `${SEVERITY_LABEL[s]} ${counts[s]}`));
  }

  private render(): void {
    const { counts, groups } = groupFindings(this.findings);
    this.renderSummary(counts);
    this.button.textContent = counts.error + counts.warning > 0 ? `校对（${counts.error + counts.warning}）` : "校对";
    if (!this.open) return;
    const signature = this.findings.map(findingKey).join("\n") + "\n" + [...this.expanded].join(",") + (this.selected ?? "") + this.rules.size + "|" + this.ignoredCount;
    if (signature === this.shown && this.list.childElementCount > 0) return;
    this.shown = signature;
    clear(this.list);
    if (this.findings.length === 0) {
      this.list.append(h("p", { className: "hint", testid: "checks-empty" }, this.el.dataset.checked ? "未发现问题。" : "正在检查…"));
      this.renderIgnored();
      return;
    }
    const index = indexDoc(this.opts.view.state.doc);
    for (const g of groups) {
      const details = h("details", { className: "check-cat", testid: "check-category", "data-category": g.category, open: true },
        h("summary", {},
          h("span", { className: "cat-name" }, g.category),
          ...SEVERITIES.filter((s) => g.counts[s] > 0).map((s) => h("span", { className: `sev-pill sev-${s}` }, `${SEVERITY_LABEL[s]} ${g.counts[s]}`))));
      for (const r of g.rules) {
        const info = this.rules.get(r.rule);
        const safe = r.findings.filter((f) => f.fix?.safe);
        const head = h("div", { className: "check-rule-head" },
          h("span", { className: `sev-pill sev-${r.severity}` }, SEVERITY_LABEL[r.severity]),
          h("span", { className: "rule-desc", title: r.rule }, info?.description ?? r.rule),
          h("span", { className: "rule-count", testid: "rule-count" }, `${r.findings.length}处`));
        if (safe.length > 1 && !this.opts.locked)
          head.append(h("button", { type: "button", className: "link", testid: "fix-all", title: `修正本类全部${safe.length}处（可撤销）`, onclick: () => this.fixAll(r.rule) }, "全部修正（此类）"));
        const items = h("ol", { className: "check-items" });
        const limit = this.expanded.has(r.rule) ? Infinity : LIST_LIMIT;
        for (const f of r.findings.slice(0, limit)) items.append(this.item(f, index));
        if (r.findings.length > limit)
          items.append(h("li", { className: "check-more" },
            h("button", { type: "button", className: "link", testid: "check-more", onclick: () => {
              this.expanded.add(r.rule);
              this.render();
            } }, `显示其余 ${r.findings.length - limit} 处`)));
        details.append(h("div", { className: "check-rule", testid: "check-rule", "data-rule": r.rule }, head, items));
      }
      this.list.append(details);
    }
    this.renderIgnored();
  }

  /** 已忽略（N）: loaded when opened, each with 恢复. */
  private renderIgnored(): void {
    const ig = this.opts.ignore;
    if (!ig || this.ignoredCount === 0) return;
    const items = h("ol", { className: "check-items", testid: "ignored-list" });
    const details = h("details", { className: "check-cat check-ignored", testid: "checks-ignored" },
      h("summary", {}, h("span", { className: "cat-name" }, `已忽略（${this.ignoredCount}处）`)), items);
    const load = async (): Promise<void> => {
      clear(items);
      try {
        for (const i of await ig.api.listIgnored(ig.reportId)) {
          const restore = h("button", { type: "button", className: "link", testid: "ignored-restore", onclick: () => {
            ig.api.restoreIgnored(i.id).then(() => {
              this.opts.say(`已恢复：“${i.text}”`);
              this.schedule(0);
            }, (e: unknown) => this.opts.say(`恢复失败：${toApiError(e).message}`));
          } }, "恢复");
          items.append(h("li", { className: "check-item", testid: "ignored-item", "data-rule": i.rule },
            h("span", { className: "check-message" }, i.message),
            h("span", { className: "check-context" }, h("mark", {}, i.text || "∅"), `（${SCOPE_LABEL[i.scope]}）`),
            restore));
        }
      } catch (e) {
        items.append(h("li", { className: "field-error" }, `无法列出已忽略的问题：${toApiError(e).message}`));
      }
    };
    details.addEventListener("toggle", () => {
      if (details.open) void load();
    });
    this.list.append(details);
  }

  /** 忽略 / 忽略并记住: the finding leaves the list at once and the check reruns. */
  private ignore(f: Finding, scope: IgnoreScope): void {
    const ig = this.opts.ignore;
    if (!ig) return;
    ig.api.ignoreFinding(ig.reportId, f, scope).then(() => {
      this.findings = this.findings.filter((x) => x !== f);
      this.ignoredCount += 1;
      this.applyMarks();
      this.render();
      this.opts.say(scope === "once" ? `已忽略：“${f.text}”` : `已忽略并记住：“${f.text}”（${SCOPE_LABEL[scope]}）`);
      this.schedule(0);
    }, (e: unknown) => this.opts.say(`忽略失败：${toApiError(e).message}`));
  }

  private item(f: Finding, index: DocIndex): HTMLElement {
    const key = findingKey(f);
    const place = index.get(f.location.node_id);
    const at = locate(index, f);
    let snippet: HTMLElement;
    if (place && place.kind === "text" && at) {
      const a = charToUtf16(place.text, f.location.start);
      const b = charToUtf16(place.text, f.location.end);
      const c = context(place.text, a, b);
      snippet = h("span", { className: "check-context" }, c.before, h("mark", { className: `sev-${f.severity}` }, c.hit === "" ? "∅" : c.hit), c.after);
    } else {
      snippet = h("span", { className: "check-context" }, h("mark", { className: `sev-${f.severity}` }, f.text === "" ? "∅" : f.text));
    }
    const go = h("button", { type: "button", className: "check-go", testid: "check-go", title: "在正文中定位" },
      h("span", { className: "check-message", testid: "check-message" }, f.message), snippet);
    go.addEventListener("click", () => this.select(f));
    const li = h("li", { className: `check-item sev-${f.severity}`, testid: "check-item", "data-key": key, "data-rule": f.rule }, go);
    if (key === this.selected) li.classList.add("selected");
    if (f.fix && at?.editable && !this.opts.locked) {
      const label = f.fix.safe ? "修正" : "采纳建议";
      li.append(h("button", { type: "button", className: f.fix.safe ? "check-fix primary-link" : "check-fix", testid: "check-fix", title: f.fix.label, onclick: () => this.fixOne(f) }, label));
    }
    if (this.opts.ignore) {
      li.append(
        h("button", { type: "button", className: "check-ignore link", testid: "check-ignore", title: "只忽略这一处", onclick: () => this.ignore(f, "once") }, "忽略"),
        h("button", { type: "button", className: "check-ignore link", testid: "check-ignore-remember", title: "本报告中同一文字的这类问题以后不再提示", onclick: () => this.ignore(f, "report") }, "忽略并记住"),
        h("button", { type: "button", className: "check-ignore link", testid: "check-ignore-library", title: "资料库中所有报告里同一文字的这类问题以后都不再提示", onclick: () => this.ignore(f, "library") }, "所有报告"));
    }
    return li;
  }

  /** Outline badges: errors and warnings per part and section. */
  renderBadges(host: HTMLElement | null = this.badgeHost): void {
    this.badgeHost = host;
    if (!host) return;
    const counts = badgeCounts(this.findings, indexDoc(this.opts.view.state.doc));
    for (const slot of host.querySelectorAll<HTMLElement>("[data-badges-for]")) {
      for (const old of slot.querySelectorAll(".check-badge")) old.remove();
      const c = counts.get(slot.dataset.badgesFor ?? "");
      if (!c) continue;
      for (const s of ["error", "warning"] as const)
        if (c[s] > 0) slot.append(h("span", { className: `check-badge sev-${s}`, testid: "check-badge", "data-severity": s, title: `${SEVERITY_LABEL[s]} ${c[s]} 处` }, String(c[s])));
    }
  }

  // ---- actions ------------------------------------------------------------------

  /** Scrolls the editor to the finding and highlights it. */
  select(f: Finding): void {
    const view = this.opts.view;
    const at = locate(indexDoc(view.state.doc), f);
    if (!at) {
      this.opts.say("该处文字已修改，正在重新检查");
      this.schedule(0);
      return;
    }
    this.selected = findingKey(f);
    for (const li of this.list.querySelectorAll<HTMLElement>(".check-item.selected")) li.classList.remove("selected");
    this.list.querySelector<HTMLElement>(`.check-item[data-key="${CSS.escape(this.selected)}"]`)?.classList.add("selected");
    let tr: Transaction = view.state.tr.setMeta(checkMarksKey, { selected: this.selected } satisfies MarksMeta);
    if (at.kind === "inline") tr = tr.setSelection(TextSelection.create(view.state.doc, at.from, at.to)).scrollIntoView();
    if (f.location.node_id.startsWith("meta:")) this.opts.showMeta();
    view.dispatch(tr);
    if (at.kind === "node") {
      const dom = view.nodeDOM(at.from);
      if (dom instanceof HTMLElement) dom.scrollIntoView({ block: "center" });
    } else {
      // Centre the range rather than leaving it at the edge.
      const dom = view.domAtPos(at.from).node;
      const el = dom instanceof HTMLElement ? dom : dom.parentElement;
      el?.scrollIntoView({ block: "center" });
      view.focus();
    }
  }

  /** Applies one finding's fix as an ordinary (undoable, autosaved) edit. */
  fixOne(f: Finding): void {
    const view = this.opts.view;
    const at = locate(indexDoc(view.state.doc), f);
    if (!f.fix || !at || !at.editable) {
      this.opts.say("该处文字已修改，未能修正；正在重新检查");
      this.schedule(0);
      return;
    }
    const tr = at.kind === "node" ? headingFixes(view.state.tr, [{ f, at }]).tr : view.state.tr.insertText(f.fix.replacement, at.from, at.to);
    view.dispatch(tr);
    this.dropFixed(new Set([findingKey(f)]));
    this.opts.say(`已修正：${f.fix.label}（Ctrl+Z 可撤销）`);
  }

  /** Applies every safe fix of a rule as one edit (one Ctrl+Z undoes it). */
  fixAll(rule: string): void {
    const view = this.opts.view;
    const index = indexDoc(view.state.doc);
    const todo = this.findings
      .filter((f) => f.rule === rule && f.fix?.safe)
      .flatMap((f) => {
        const at = locate(index, f);
        return at && at.editable && f.fix ? [{ f, at, replacement: f.fix.replacement }] : [];
      })
      .sort((a, b) => b.at.from - a.at.from);
    if (todo.length === 0) return;
    // Part headings first: changing their text attribute moves no position.
    const { tr, done } = headingFixes(view.state.tr, todo.filter((t) => t.at.kind === "node"));
    let limit = Infinity;
    for (const t of todo.filter((t) => t.at.kind !== "node")) {
      if (t.at.to > limit) continue; // overlaps the one after it
      tr.insertText(t.replacement, t.at.from, t.at.to);
      limit = t.at.from;
      done.add(findingKey(t.f));
    }
    view.dispatch(tr);
    this.dropFixed(done);
    this.opts.say(`已修正 ${done.size} 处（Ctrl+Z 可撤销）`);
  }

  private dropFixed(keys: Set<string>): void {
    this.findings = this.findings.filter((f) => !keys.has(findingKey(f)));
    if (this.selected && keys.has(this.selected)) this.selected = null;
    this.render();
    this.renderBadges();
    this.changed();
  }

  private async openSettings(): Promise<void> {
    const saved = await openRuleSettings(this.opts.api, [...this.rules.values()]);
    if (saved) {
      this.opts.say("校对规则设置已保存");
      this.schedule(0);
    }
  }
}

/** Safe fixes inside locked part headings, applied to each heading's text as an allowed change. */
function headingFixes(tr: Transaction, todo: Array<{ f: Finding; at: Located }>): { tr: Transaction; done: Set<string> } {
  const done = new Set<string>();
  const byPos = new Map<number, Finding[]>();
  for (const t of todo) byPos.set(t.at.from, [...(byPos.get(t.at.from) ?? []), t.f]);
  for (const [pos, fixes] of byPos) {
    const node = tr.doc.nodeAt(pos);
    if (!node) continue;
    const { text, applied } = fixedHeading(node.attrs.text as string, fixes);
    setPartHeadingText(tr, pos, text);
    for (const f of applied) done.add(findingKey(f));
  }
  return { tr, done };
}
