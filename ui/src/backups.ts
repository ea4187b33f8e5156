// 备份与恢复: the 备份与恢复 dialog (from the report list) and the recovery
// screen shown at start when the library cannot be opened. A backup is named to
// the backend only by the id the list gave; the backend keeps the replaced
// library aside, so nothing here can lose data.
import { backupApi as api, toApiError } from "./api";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { LibraryHealth } from "./bindings/LibraryHealth";
import { clear, h } from "./dom";
import { localDateTime } from "./model";

function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function reportsText(b: BackupInfo): string {
  return b.reports === null ? "无法读取" : `${b.reports}份`;
}

/** "2026-11-27 21:55（每日备份，3份报告）" */
export function backupLabel(b: BackupInfo): string {
  const count = b.reports === null ? "报告数未知" : `${b.reports}份报告`;
  return `${localDateTime(b.created_at)}（${b.reason_label}，${count}）`;
}

/** A yes/no question in a modal dialog; resolves true on 确定. */
function confirmDialog(testid: string, title: string, text: string, okText: string): Promise<boolean> {
  return new Promise((resolve) => {
    const cancel = h("button", { type: "button", testid: "confirm-cancel" }, "取消");
    const ok = h("button", { type: "button", className: "primary", testid: "confirm-ok" }, okText);
    const d = h("dialog", { className: "dialog", testid, "aria-label": title },
      h("h2", {}, title),
      h("p", {}, text),
      h("div", { className: "dialog-buttons" }, cancel, ok),
    );
    let answer = false;
    d.addEventListener("close", () => {
      d.remove();
      resolve(answer);
    });
    cancel.addEventListener("click", () => d.close());
    ok.addEventListener("click", () => {
      answer = true;
      d.close();
    });
    document.body.append(d);
    d.showModal();
    cancel.focus();
  });
}

function restoreQuestion(b: BackupInfo): string {
  return `将资料库恢复到 ${backupLabel(b)} 的状态？此后的修改不在该备份中；当前资料库会先完整另存，不会删除。`;
}

function restoredNotice(r: { backup: BackupInfo; set_aside: string | null }): string {
  const base = `已从 ${localDateTime(r.backup.created_at)} 的备份恢复资料库`;
  return r.set_aside ? `${base}；恢复前的资料库已另存为 ${r.set_aside}` : base;
}

/** The backups as a table, each row with a 恢复 button. */
function backupTable(list: BackupInfo[], onRestore: (b: BackupInfo, button: HTMLButtonElement) => void): HTMLElement {
  if (list.length === 0) {
    return h("p", { className: "empty", testid: "backups-empty" }, "还没有备份。每天第一次打开程序时会自动备份。");
  }
  return h("table", { className: "backup-table", testid: "backup-list" },
    h("thead", {}, h("tr", {}, h("th", {}, "备份时间"), h("th", {}, "类型"), h("th", {}, "报告"), h("th", {}, "大小"), h("th", {}, ""))),
    h("tbody", {}, list.map((b) => {
      const button = h("button", { type: "button", testid: "restore-backup", "aria-label": `恢复 ${backupLabel(b)} 的备份` }, "恢复…");
      button.disabled = b.reports === null;
      button.addEventListener("click", () => onRestore(b, button));
      return h("tr", { "data-backup-id": b.id },
        h("td", {}, localDateTime(b.created_at)),
        h("td", {}, b.reason_label),
        h("td", {}, reportsText(b)),
        h("td", {}, sizeText(b.size)),
        h("td", {}, button),
      );
    })),
  );
}

/**
 * 备份与恢复 from the report list. `onRestored` reloads the list with a notice.
 */
export async function backupsDialog(onRestored: (notice: string) => Promise<void>): Promise<void> {
  const body = h("div", { className: "backup-body" }, h("p", {}, "正在读取备份…"));
  const err = h("p", { className: "field-error", role: "alert", testid: "backups-error" });
  const now = h("button", { type: "button", testid: "backup-now" }, "立即备份");
  const close = h("button", { type: "button", className: "primary" }, "关闭");
  const d = h("dialog", { className: "dialog wide backups-dialog", testid: "backups-dialog", "aria-label": "备份与恢复" },
    h("h2", {}, "备份与恢复"),
    h("p", { className: "hint" }, "资料库每天第一次打开时、升级前和定稿时自动备份，保留最近的备份。恢复时当前资料库会先另存，不会删除。"),
    body,
    err,
    h("div", { className: "dialog-buttons" }, now, close),
  );
  d.addEventListener("close", () => d.remove());
  close.addEventListener("click", () => d.close());
  document.body.append(d);
  d.showModal();

  const load = async () => {
    try {
      const list = await api.listBackups();
      clear(body);
      body.append(backupTable(list, (b, button) => void restore(b, button)));
    } catch (e) {
      err.textContent = toApiError(e).message;
    }
  };
  const restore = async (b: BackupInfo, button: HTMLButtonElement) => {
    if (!(await confirmDialog("restore-confirm", "从备份恢复", restoreQuestion(b), "恢复"))) return;
    button.disabled = true;
    err.textContent = "";
    try {
      const r = await api.restoreBackup(b.id);
      d.close();
      await onRestored(restoredNotice(r));
    } catch (e) {
      err.textContent = toApiError(e).message;
      button.disabled = false;
    }
  };
  now.addEventListener("click", async () => {
    now.disabled = true;
    err.textContent = "";
    try {
      await api.createBackup();
      await load();
    } catch (e) {
      err.textContent = toApiError(e).message;
    } finally {
      now.disabled = false;
    }
  });
  await load();
}

/**
 * At start: when the library cannot be opened, shows the recovery screen in
 * `main` and returns true; `onRecovered` runs once a backup was restored or a
 * new library made. Returns false when the library is fine.
 */
export async function recoveryIfNeeded(main: HTMLElement, onRecovered: (notice: string) => Promise<void>): Promise<boolean> {
  let health: LibraryHealth;
  try {
    health = await api.libraryHealth();
  } catch {
    return false; // an older backend without the command: carry on as before
  }
  if (health.status === "ok" || health.status === "missing") return false;
  await showRecovery(main, health, onRecovered);
  return true;
}

async function showRecovery(main: HTMLElement, health: LibraryHealth, onRecovered: (notice: string) => Promise<void>): Promise<void> {
  clear(main);
  const err = h("p", { className: "field-error", role: "alert", testid: "recovery-error" });
  const latest = h("button", { type: "button", className: "primary", testid: "restore-latest" }, "从最近的备份恢复");
  const fresh = h("button", { type: "button", testid: "new-library" }, "新建资料库");
  const listBox = h("div", { className: "backup-body" }, h("p", {}, "正在查找备份…"));
  const detail = health.detail
    ? h("details", {}, h("summary", {}, "详细信息"), h("p", { className: "mono" }, health.detail))
    : null;
  main.append(
    h("section", { className: "recovery", testid: "recovery-screen", "aria-label": "资料库无法打开" },
      h("h2", { className: "view-title" }, "资料库无法打开"),
      h("p", { className: "recovery-message", testid: "recovery-message" }, health.message),
      h("p", {}, "文件位置：", h("span", { className: "mono" }, health.path)),
      detail,
      h("p", {}, "您可以从备份恢复（推荐），或新建一个空的资料库。无论哪种方式，现有文件都会原样保留在同一文件夹中，不会删除。"),
      h("div", { className: "toolbar" }, latest, fresh),
      h("h3", {}, "可用的备份"),
      listBox,
      err,
    ),
  );
  const busy = (on: boolean) => {
    latest.disabled = on;
    fresh.disabled = on;
    for (const b of listBox.querySelectorAll("button")) b.disabled = on;
  };
  const restore = async (b: BackupInfo) => {
    if (!(await confirmDialog("restore-confirm", "从备份恢复", restoreQuestion(b), "恢复"))) return;
    busy(true);
    err.textContent = "";
    try {
      const r = await api.restoreBackup(b.id);
      const after = await api.libraryHealth();
      if (after.status !== "ok" && after.status !== "missing") {
        await showRecovery(main, after, onRecovered);
        return;
      }
      await onRecovered(restoredNotice(r));
    } catch (e) {
      err.textContent = toApiError(e).message;
      busy(false);
    }
  };
  // The buttons work from the moment they are shown: 新建资料库 does not wait for the
  // backup list, and 从最近的备份恢复 is enabled once the list has come.
  let backups: BackupInfo[] = [];
  latest.disabled = true;
  latest.addEventListener("click", () => {
    if (backups[0]) void restore(backups[0]);
  });
  fresh.addEventListener("click", async () => {
    const ok = await confirmDialog("new-library-confirm", "新建资料库",
      "将新建一个空的资料库。现有的资料库文件会改名保留在同一文件夹中（不会删除），以后仍可交给技术人员尝试修复。", "新建");
    if (!ok) return;
    busy(true);
    err.textContent = "";
    try {
      const aside = await api.newLibrary();
      await onRecovered(aside ? `已新建资料库；原文件已保留为 ${aside}` : "已新建资料库");
    } catch (e) {
      err.textContent = toApiError(e).message;
      busy(false);
    }
  });
  try {
    backups = (await api.listBackups()).filter((b) => b.reports !== null);
  } catch (e) {
    err.textContent = toApiError(e).message;
  }
  clear(listBox);
  listBox.append(backupTable(backups, (b) => void restore(b)));
  latest.disabled = backups.length === 0 || fresh.disabled;
  if (backups.length === 0) latest.title = "没有可用的备份";
}
