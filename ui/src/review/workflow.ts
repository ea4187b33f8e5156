// The workflow bar of an open report: status badge (草稿/审阅中/已定稿/已报送/
// 已公开), the steps the user's role may take (送审, 退回修改, 定稿, 撤销定稿,
// 登记报送, 登记公开), the lock banner, the deadline, and the 审计日志.
// The backend decides and refuses on its own; this only asks for what a step
// needs (reason, date, recipients, address) and explains what blocks 定稿.
import { toApiError, type ApiError } from "../api";
import type { AllowedTransition } from "../bindings/AllowedTransition";
import type { AuditRow } from "../bindings/AuditRow";
import type { Document } from "../bindings/Document";
import type { Status } from "../bindings/Status";
import type { TransitionRequest } from "../bindings/TransitionRequest";
import type { WorkflowInfo } from "../bindings/WorkflowInfo";
import { clear, h } from "../dom";
import { localDateTime } from "../model";
import { ROLE_LABEL, identity, identityLabel, requireIdentity } from "./identity";
import { localToday, type ReviewApi } from "./rapi";

export const STATUS_LABEL: Record<Status, string> = {
  draft: "草稿",
  review: "审阅中",
  final: "已定稿",
  filed: "已报送",
  published: "已公开",
};

/** Why the text cannot be edited, or null when it can. */
export function lockReason(info: Pick<WorkflowInfo, "locked" | "review_copy" | "status">): string | null {
  if (info.review_copy) return "审阅副本（只读，可批注）：正文不能修改；请添加批注后“导出审阅包”交回起草人。";
  if (info.locked)
    return `报告${STATUS_LABEL[info.status]}，正文和报告信息已锁定，只能查看和批注。如需修改，请由签发人“撤销定稿”。`;
  return null;
}

/** The button text of a step (the backend's label, with 登记 for the records). */
export function stepLabel(t: Pick<AllowedTransition, "to" | "label">, from: Status): string {
  if (t.to === "filed") return "登记报送";
  if (t.to === "published") return "登记公开";
  if ((from === "final" || from === "filed" || from === "published") && (t.to === "draft" || t.to === "review")) return t.to === "draft" ? "撤销定稿" : "撤销定稿（回到审阅）";
  return t.label;
}

export interface WorkflowOptions {
  reportId: string;
  api: ReviewApi;
  info: WorkflowInfo | null;
  snapshot(): Document;
  /** Saves pending edits before a step (the step applies to the saved text). */
  flush(): Promise<boolean>;
  say(m: string): void;
  onError(e: ApiError | null): void;
  /** After a step: reopen the report (the lock changes what the editor allows). */
  reload(): void;
  openComments(): number;
}

export class WorkflowBar {
  readonly el: HTMLElement;
  readonly banner: HTMLElement;
  info: WorkflowInfo | null;
  private readonly badge: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly deadline: HTMLElement;
  /** Who acts, and the last change of identity recorded in this report's log. */
  private readonly who: HTMLElement = h("span", { className: "wf-identity", testid: "workflow-identity" });
  private unsubscribe: () => void;

  constructor(private readonly o: WorkflowOptions) {
    this.info = o.info;
    this.badge = h("span", { className: "wf-status", testid: "workflow-status" });
    this.actions = h("span", { className: "wf-actions" });
    this.deadline = h("span", { className: "deadline-label", testid: "deadline-label" });
    this.banner = h("div", { className: "lock-banner", testid: "lock-banner", role: "note", hidden: true });
    const log = h("button", { type: "button", className: "link", testid: "audit-log-button", onclick: () => void this.auditDialog() }, "审计日志");
    this.el = h("div", { className: "workflow-bar", testid: "workflow-bar" }, this.badge, this.actions, this.deadline, h("span", { className: "spacer" }), this.who, log);
    this.unsubscribe = identity.onChange(() => void this.refresh());
    this.render();
    void this.refresh();
    void this.loadDeadline();
  }

  async refresh(): Promise<void> {
    try {
      this.info = await this.o.api.workflowInfo(this.o.reportId);
      this.render();
      await this.renderIdentity();
    } catch (e) {
      const err = toApiError(e);
      if (err.code !== "unknown_command") this.o.onError(err);
    }
  }

  /** 当前身份 and, when it changed, the change as the audit log has it. */
  private async renderIdentity(): Promise<void> {
    const rows = await this.o.api.auditTable(this.o.reportId);
    const change = rows.filter((r) => r.action === "identity_change").at(-1);
    clear(this.who);
    // The window's header names who acts; here the change, which matters for
    // what was done under which role.
    if (change)
      this.who.append(h("span", { className: "wf-identity-change", testid: "identity-change",
        title: `当前身份：${identityLabel(identity.current)}；身份变更记录在审计日志中` },
        `身份变更：${change.what}（${localDateTime(change.at)}）`));
  }

  private async loadDeadline(): Promise<void> {
    try {
      const all = await this.o.api.listDeadlines(localToday());
      const d = all.find((x) => x.report_id === this.o.reportId);
      this.deadline.textContent = d && d.state !== "done" ? d.label : "";
      this.deadline.dataset.state = d?.state ?? "";
    } catch {
      this.deadline.textContent = "";
    }
  }

  render(): void {
    const i = this.info;
    clear(this.actions);
    if (!i) {
      this.badge.textContent = "";
      return;
    }
    this.badge.textContent = i.review_copy ? `${i.status_label}·审阅副本` : i.status_label;
    this.badge.dataset.status = i.status;
    const why = lockReason(i);
    this.banner.hidden = why === null;
    clear(this.banner);
    this.banner.append(why ?? "");
    if (i.delete_refusal) this.banner.append(h("span", { className: "delete-refusal", testid: "delete-refusal" }, ` 删除报告不可用：${i.delete_refusal}`));
    this.banner.dataset.kind = i.review_copy ? "review-copy" : "locked";
    if (i.review_copy) return;
    for (const t of i.allowed) {
      const label = stepLabel(t, i.status);
      const b = h("button", { type: "button", testid: "wf-action", "data-to": t.to, "data-keep": "1",
        disabled: !t.permitted,
        title: t.permitted ? label : `“${label}”只能由${t.role ? ROLE_LABEL[t.role] : "指定角色"}执行（当前身份：${identity.current?.role ? ROLE_LABEL[identity.current.role] : "未设置"}）` },
        label);
      b.addEventListener("click", () => void this.step(t));
      this.actions.append(b);
    }
  }

  private async step(t: AllowedTransition): Promise<void> {
    if (!(await requireIdentity())) return;
    const i = this.info;
    if (!i) return;
    let errors = 0;
    if (t.to === "final") {
      try {
        // Rust's one count (ignores applied) on the saved text, as the 定稿 gate counts it.
        if (await this.o.flush()) errors = (await this.o.api.reportErrors(i.report_id)).count;
      } catch {
        errors = 0; // the backend counts them again anyway
      }
    }
    this.transitionDialog(t, i, errors);
  }

  private transitionDialog(t: AllowedTransition, i: WorkflowInfo, checkErrors: number): void {
    const label = stepLabel(t, i.status);
    const err = h("p", { className: "field-error", role: "alert", testid: "transition-error" });
    const fields: HTMLElement[] = [];
    const reason = h("textarea", { id: "wf-reason", testid: "transition-reason", rows: 3, maxlength: 2000 });
    const reasonField = h("div", { className: "field" }, h("label", { for: "wf-reason" }, t.needs_reason ? "理由（必填）" : "理由"), reason);
    const date = h("input", { id: "wf-date", type: "date", testid: "transition-date", value: localToday() });
    const recipients = h("input", { id: "wf-recipients", type: "text", testid: "transition-recipients", placeholder: "例如：市委、市人大常委会" });
    const address = h("input", { id: "wf-address", type: "text", testid: "transition-address", placeholder: "例如：市政府门户网站“法治政府建设”专栏网址" });
    const override = h("input", { id: "wf-override", type: "checkbox", testid: "override-checkbox" });
    const openComments = Math.max(i.open_comments, this.o.openComments());
    // [tracking #17] 修订 awaiting a decision hold 定稿 as open comments do (the core refuses it).
    const pendingChanges = i.pending_changes;
    const blocked = t.to === "final" && (checkErrors > 0 || openComments > 0 || pendingChanges > 0);
    if (t.to === "final") {
      fields.push(h("div", { className: blocked ? "finalize-blockers" : "finalize-ok", testid: "finalize-blockers" },
        blocked
          ? h("ul", {},
              checkErrors > 0 ? h("li", {}, `校对发现 ${checkErrors} 项错误（可在“校对”中查看）`) : null,
              openComments > 0 ? h("li", {}, `尚有 ${openComments} 条未解决的批注`) : null,
              pendingChanges > 0 ? h("li", { testid: "finalize-pending-changes" }, `尚有 ${pendingChanges} 处修订待接受或拒绝（可在“修订列表”中处理）`) : null)
          : h("p", {}, "校对没有错误，批注均已解决，没有待处理的修订。定稿后正文将锁定。")));
      if (blocked) fields.push(h("label", { className: "check", for: "wf-override" }, override, "仍要定稿（须填写理由，记入审计日志）"));
      fields.push(reasonField);
      reasonField.hidden = true;
      override.addEventListener("change", () => (reasonField.hidden = !override.checked));
    } else if (t.to === "filed") {
      fields.push(h("div", { className: "field" }, h("label", { for: "wf-date" }, "报送日期"), date),
        h("div", { className: "field" }, h("label", { for: "wf-recipients" }, "报送机关（必填）"), recipients));
    } else if (t.to === "published") {
      fields.push(h("div", { className: "field" }, h("label", { for: "wf-date" }, "公开日期"), date),
        h("div", { className: "field" }, h("label", { for: "wf-address" }, "公开地址（必填）"), address));
    } else if (t.needs_reason) fields.push(reasonField);
    else fields.push(h("p", { className: "hint" }, t.to === "review" ? "送审后审核人和签发人可以批注；起草人仍可修改，每次保存都留有版本。" : ""));
    const ok = h("button", { type: "submit", className: blocked ? "danger" : "primary", testid: "transition-confirm" }, label);
    const cancel = h("button", { type: "button" }, "取消");
    const form = h("form", { method: "dialog" }, h("h2", {}, label), ...fields, err, h("div", { className: "dialog-buttons" }, cancel, ok));
    const d = h("dialog", { className: "dialog", testid: "transition-dialog", "aria-label": label }, form);
    d.addEventListener("close", () => d.remove());
    cancel.addEventListener("click", () => d.close());
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      err.textContent = "";
      const req: TransitionRequest = { to: t.to, reason: null, override_checks: false, check_errors: checkErrors, date: null, recipients: null, address: null };
      const r = reason.value.trim();
      if (t.to === "final") {
        if (blocked && !override.checked) {
          err.textContent = "存在未处理的问题：请先处理，或勾选“仍要定稿”并填写理由";
          return;
        }
        if (override.checked) {
          if (r === "") {
            err.textContent = "“仍要定稿”须填写理由";
            reason.focus();
            return;
          }
          req.override_checks = true;
          req.reason = r;
        }
      } else if (t.to === "filed" || t.to === "published") {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date.value)) {
          err.textContent = "请选择日期";
          return;
        }
        req.date = date.value;
        const v = (t.to === "filed" ? recipients : address).value.trim();
        if (v === "") {
          err.textContent = t.to === "filed" ? "请填写报送机关" : "请填写公开地址";
          return;
        }
        if (t.to === "filed") req.recipients = v;
        else req.address = v;
      } else if (t.needs_reason) {
        if (r === "") {
          err.textContent = `“${label}”须填写理由`;
          reason.focus();
          return;
        }
        req.reason = r;
      }
      ok.disabled = true;
      try {
        if (!(await this.o.flush())) throw { code: "unsaved", message: "正文尚未保存，请先处理保存问题（见底部状态栏）" };
        const out = await this.o.api.transitionReport(this.o.reportId, req);
        d.close();
        this.o.say(`${label}：报告现为“${out.status_label}”`);
        this.o.reload();
      } catch (e) {
        const ae = toApiError(e);
        err.textContent = ae.message;
        // The backend found blockers the UI did not count: offer the override.
        if (ae.code === "finalize_blocked" && t.to === "final" && !form.contains(override)) {
          reasonField.before(h("label", { className: "check", for: "wf-override" }, override, "仍要定稿（须填写理由，记入审计日志）"));
          reasonField.hidden = false;
          override.checked = true;
        }
        ok.disabled = false;
      }
    });
    document.body.append(d);
    d.showModal();
  }

  async auditDialog(): Promise<void> {
    let entries: AuditRow[];
    try {
      entries = await this.o.api.auditTable(this.o.reportId);
    } catch (e) {
      this.o.onError(toApiError(e));
      return;
    }
    const close = h("button", { type: "button", className: "primary" }, "关闭");
    const exportBtn = h("button", { type: "button", testid: "audit-export" }, "导出为表格（CSV）…");
    const note = h("p", { className: "hint", testid: "audit-export-note", role: "status" });
    // Newest first: what a reader looks for is what happened last.
    const rows = [...entries].reverse().map((e) =>
      h("tr", { testid: "audit-row", "data-action": e.action },
        h("td", { className: "audit-time" }, h("time", { datetime: e.at }, e.entries > 1 ? `${localDateTime(e.since)}—${localDateTime(e.at)}` : localDateTime(e.at))),
        h("td", { className: "audit-who" }, e.who, e.role_label ? h("span", { className: "muted" }, `（${e.role_label}）`) : null),
        h("td", { className: "audit-action" }, e.action_label, e.entries > 1 ? h("span", { className: "muted" }, `（${e.entries}次保存）`) : null),
        h("td", { className: "audit-what" }, e.what),
        h("td", { className: "audit-reason" }, e.reason ?? "")));
    exportBtn.addEventListener("click", async () => {
      try {
        const path = await this.o.api.exportAuditLog(this.o.reportId);
        note.textContent = path ? `已导出：${path}` : "";
      } catch (e) {
        note.textContent = toApiError(e).message;
      }
    });
    const d = h("dialog", { className: "dialog audit-dialog", testid: "audit-log-dialog", "aria-label": "审计日志" },
      h("h2", {}, "审计日志"),
      entries.length === 0
        ? h("p", { className: "empty" }, "还没有记录。")
        : h("div", { className: "audit-scroll" }, h("table", { className: "audit-table" },
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "时间"), h("th", { scope: "col" }, "人员"), h("th", { scope: "col" }, "操作"), h("th", { scope: "col" }, "变更内容"), h("th", { scope: "col" }, "理由"))),
            h("tbody", {}, rows))),
      note,
      h("div", { className: "dialog-buttons" }, exportBtn, close));
    d.addEventListener("close", () => d.remove());
    close.addEventListener("click", () => d.close());
    document.body.append(d);
    d.showModal();
  }

  dispose(): void {
    this.unsubscribe();
  }
}
