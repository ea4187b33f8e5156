// The application shell: report list, 新建报告 dialog, report view, deletion.
import { api, toApiError, type ApiError } from "./api";
import { installSettingsPages } from "./settings-menu";
import type { ReportSummary } from "./bindings/ReportSummary";
import type { TemplateInfo } from "./bindings/TemplateInfo";
import { clear, h } from "./dom";
import { localDateTime } from "./model";
import { installIdentity } from "./review/identity";
import { decorateDeadlines, installLaunchPackage, openPackageButton } from "./review/packages";
import { loadWorkflow } from "./review/ui";
import { openReport, type OpenReport } from "./report-view";
import type { DroppedImport } from "./bindings/DroppedImport";
import type { ImportPreview } from "./bindings/ImportPreview";
import { importDialog, importErrorDialog } from "./import-dialog";
import { backupsDialog, recoveryIfNeeded } from "./backups";

export const APP_TITLE = "法治报告编写器";

interface Shell {
  root: HTMLElement;
  main: HTMLElement;
  banner: HTMLElement;
  notices: HTMLElement;
  current: OpenReport | null;
  /** The report whose row gets focus when coming back to the list. */
  lastOpened: string | null;
}

export async function startApp(root: HTMLElement): Promise<void> {
  document.title = APP_TITLE;
  const banner = h("div", { className: "banner", role: "alert", testid: "error-message", hidden: true });
  const notices = h("div", { className: "notices", role: "status", testid: "notices" });
  const main = h("main", { className: "main" });
  clear(root);
  root.append(
    h("header", { className: "topbar" }, h("h1", { className: "app-title" }, APP_TITLE)),
    banner,
    notices,
    main,
  );
  const shell: Shell = { root, main, banner, notices, current: null, lastOpened: null };
  // [review]: who acts (asked on the first launch), 设置, 打开审阅包 (a review copy).
  const openCopy = async (id: string) => {
    if (shell.current && !(await shell.current.close())) return;
    shell.current = null;
    await open(shell, id);
  };
  const header = root.querySelector("header") as HTMLElement;
  installIdentity(header, [openPackageButton(openCopy, (e) => showError(shell, e))]);
  // 设置 holds every settings page: 身份, 字体, 词库, 校对规则.
  installSettingsPages(header);
  void guardWindowClose(shell);
  installImport(shell);
  try {
    const info = await api.appInfo();
    showNotices(shell, info.notices);
  } catch (e) {
    showError(shell, toApiError(e));
  }
  // A library that cannot be opened: the recovery screen instead of the list.
  if (await recoveryIfNeeded(main, (notice) => reloadWithNotice(shell, notice))) return;
  await showList(shell);
  // Started by a double-click on a review package (.fzbg): open it.
  await installLaunchPackage((id) => void openCopy(id), (e) => showError(shell, e));
}

async function reloadWithNotice(shell: Shell, notice: string): Promise<void> {
  showNotices(shell, [notice]);
  await showList(shell);
}

/**
 * Closing the window waits for the pending save; if it fails the window stays
 * open with the reason shown, so nothing typed is lost.
 *
 * The backend holds the close and calls `window.__fazhiRequestClose()`; the UI
 * answers with the app's own `close_window` command once everything is saved.
 * So the webview needs no core window or event permission.
 */
async function guardWindowClose(shell: Shell): Promise<void> {
  (window as unknown as { __fazhiRequestClose?: () => Promise<void> }).__fazhiRequestClose = async () => {
    if (shell.current && !(await shell.current.flush())) {
      showError(shell, { code: "unsaved", message: "修改尚未保存，窗口未关闭。请查看底部的保存状态，重试保存后再关闭。" });
      return;
    }
    try {
      await api.closeWindow();
    } catch (e) {
      showError(shell, toApiError(e));
    }
  };
  return Promise.resolve();
}

export function showError(shell: { banner: HTMLElement }, e: ApiError | null): void {
  const b = shell.banner;
  clear(b);
  if (!e) {
    b.hidden = true;
    return;
  }
  b.append(
    h("span", { className: "banner-text" }, e.message),
    h("button", { type: "button", className: "link", "aria-label": "关闭提示", onclick: () => showError(shell, null) }, "关闭"),
  );
  b.hidden = false;
}

function showNotices(shell: Shell, list: string[]): void {
  clear(shell.notices);
  for (const n of list) {
    const item = h(
      "div",
      { className: "notice" },
      h("span", {}, n),
      h("button", { type: "button", className: "link", onclick: () => item.remove() }, "知道了"),
    );
    shell.notices.append(item);
  }
}

async function showList(shell: Shell, query = ""): Promise<void> {
  shell.current = null;
  clear(shell.main);
  const search = h("input", {
    type: "search",
    className: "search",
    placeholder: "搜索标题和正文",
    "aria-label": "搜索报告",
    testid: "search-input",
    value: query,
  });
  const newButton = h("button", { type: "button", className: "primary", testid: "new-report-button" }, "新建报告");
  const importButton = h("button", { type: "button", testid: "import-button",
    title: "导入文本、Word 或网页格式的报告（也可以把文件拖入窗口）" }, "导入…");
  const backupsButton = h("button", { type: "button", testid: "backups-button",
    title: "查看备份、立即备份或从备份恢复资料库" }, "备份与恢复…");
  backupsButton.addEventListener("click", () => void backupsDialog((notice) => reloadWithNotice(shell, notice)));
  const body = h("div", { className: "list-body" });
  shell.main.append(
    h("section", { className: "list-view", "aria-label": "报告列表" },
      h("div", { className: "toolbar" }, h("h2", { className: "view-title" }, "报告"), search, newButton, importButton, backupsButton),
      body,
    ),
  );

  let seq = 0;
  const load = async (q: string) => {
    const mine = ++seq;
    try {
      const reports = await api.listReports(q.trim() === "" ? null : q.trim());
      if (mine !== seq) return; // a newer search has started
      renderRows(shell, body, reports, q.trim());
    } catch (e) {
      if (mine === seq) showError(shell, toApiError(e));
    }
  };
  let timer: number | undefined;
  search.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void load(search.value), 200);
  });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      window.clearTimeout(timer);
      void load(search.value);
    }
  });
  newButton.addEventListener("click", () => void newReportDialog(shell));
  importButton.addEventListener("click", () => void pickImport(shell, importButton));
  await load(query);
  const focusRow = shell.lastOpened
    ? body.querySelector<HTMLElement>(`[data-report-id="${shell.lastOpened}"] .open-link`)
    : null;
  (focusRow ?? search).focus();
}

/** The issuer of the most recently saved report: the usual default for the next one. */
let recentIssuer = "";

function renderRows(shell: Shell, body: HTMLElement, reports: ReportSummary[], query: string): void {
  clear(body);
  if (query === "" && reports[0]) recentIssuer = reports[0].issuer;
  if (reports.length === 0) {
    body.append(
      h("p", { className: "empty", testid: "report-list-empty" },
        query === "" ? "资料库中还没有报告。点击“新建报告”开始编写。" : `没有找到包含“${query}”的报告。`),
    );
  }
  const rows = reports.map((r) =>
    h("tr", { testid: "report-row", "data-report-id": r.id, onclick: (ev: Event) => {
        if ((ev.target as HTMLElement).closest("button")) return;
        void open(shell, r.id);
      } },
      h("td", {}, r.issuer),
      h("td", { className: "num" }, `${r.year}年`),
      h("td", {}, h("button", { type: "button", className: "open-link", onclick: () => void open(shell, r.id) }, r.title)),
      h("td", {}, h("span", { className: `status status-${r.status}` }, r.status_label)),
      h("td", { className: "num" }, h("time", { datetime: r.updated_at }, localDateTime(r.updated_at))),
    ),
  );
  body.append(
    h("table", { className: "report-list", testid: "report-list", hidden: reports.length === 0 },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "发文机关"), h("th", { scope: "col" }, "年度"),
        h("th", { scope: "col" }, "标题"), h("th", { scope: "col" }, "状态"), h("th", { scope: "col" }, "最后保存"))),
      h("tbody", {}, rows),
    ),
  );
  // 逾期 / 即将到期 beside the status ([review]).
  if (reports.length > 0) void decorateDeadlines(body);
}

async function open(shell: Shell, id: string): Promise<void> {
  showError(shell, null);
  try {
    const [view, workflow] = await Promise.all([api.getReport(id), loadWorkflow(id)]);
    shell.lastOpened = id;
    clear(shell.main);
    shell.current = openReport(shell.main, view, {
      workflow,
      onBack: () => void back(shell),
      onDelete: () => void confirmDelete(shell, id, view.title),
      onError: (e) => showError(shell, e),
      onReload: () => void open(shell, id),
      onOpen: (other) => void openAfterClose(shell, other),
    });
  } catch (e) {
    showError(shell, toApiError(e));
  }
}

async function back(shell: Shell): Promise<void> {
  if (shell.current && !(await shell.current.close())) return;
  showError(shell, null);
  await showList(shell);
}

function modal(testid: string, label: string, ...content: Node[]): HTMLDialogElement {
  const d = h("dialog", { className: "dialog", testid, "aria-label": label }, ...content);
  d.addEventListener("close", () => d.remove());
  document.body.append(d);
  return d;
}

async function confirmDelete(shell: Shell, id: string, title: string): Promise<void> {
  const cancel = h("button", { type: "button" }, "取消");
  const ok = h("button", { type: "button", className: "danger", testid: "confirm-delete" }, "删除");
  const err = h("p", { className: "field-error", role: "alert" });
  const d = modal("delete-dialog", "删除报告",
    h("h2", {}, "删除报告"),
    h("p", {}, `确定要删除《${title}》吗？报告及其全部版本将被删除，无法恢复。`),
    err,
    h("div", { className: "dialog-buttons" }, cancel, ok),
  );
  cancel.addEventListener("click", () => d.close());
  ok.addEventListener("click", async () => {
    ok.disabled = true;
    try {
      await api.deleteReport(id);
      d.close();
      if (shell.current) shell.current.discard();
      shell.lastOpened = null;
      await showList(shell);
    } catch (e) {
      err.textContent = toApiError(e).message;
      ok.disabled = false;
    }
  });
  d.showModal();
  cancel.focus();
}

let templatesCache: TemplateInfo[] | null = null;

async function newReportDialog(shell: Shell): Promise<void> {
  if (!templatesCache) {
    try {
      templatesCache = await api.listTemplates();
    } catch (e) {
      showError(shell, toApiError(e));
      return;
    }
  }
  const templates = templatesCache;
  const thisYear = new Date().getFullYear();
  const issuer = h("input", { id: "nr-issuer", type: "text", testid: "issuer-input", autocomplete: "off", value: recentIssuer,
    placeholder: "例如：梅河口市人民政府", "aria-describedby": "nr-issuer-err" });
  const year = h("input", { id: "nr-year", type: "text", inputmode: "numeric", testid: "year-input",
    value: String(thisYear - 1), "aria-describedby": "nr-year-err", maxlength: 4 });
  const select = h("select", { id: "nr-template", testid: "template-select" },
    templates.map((t) => h("option", { value: t.id, title: t.description }, t.name)));
  const description = h("p", { className: "hint", id: "nr-template-desc" });
  const optional = h("input", { id: "nr-optional", type: "checkbox", testid: "optional-input" });
  const issuerErr = h("p", { className: "field-error", id: "nr-issuer-err", role: "alert" });
  const yearErr = h("p", { className: "field-error", id: "nr-year-err", role: "alert" });
  const formErr = h("p", { className: "field-error", role: "alert", testid: "dialog-error" });
  const create = h("button", { type: "submit", className: "primary", testid: "create-button" }, "创建");
  const cancel = h("button", { type: "button" }, "取消");
  const syncDescription = () => {
    description.textContent = templates.find((t) => t.id === select.value)?.description ?? "";
  };
  select.addEventListener("change", syncDescription);
  syncDescription();

  const form = h("form", { method: "dialog", novalidate: true },
    h("h2", {}, "新建报告"),
    h("div", { className: "field" }, h("label", { for: "nr-issuer" }, "发文机关"), issuer, issuerErr),
    h("div", { className: "field" }, h("label", { for: "nr-year" }, "报告年度"), year,
      h("p", { className: "hint" }, "报告所述的年度，例如2020年初编写的报告填2019。"), yearErr),
    h("div", { className: "field" }, h("label", { for: "nr-template" }, "模板"), select, description),
    h("div", { className: "field check" }, optional, h("label", { for: "nr-optional" }, "包含第五部分“其他需要报告的情况”")),
    formErr,
    h("div", { className: "dialog-buttons" }, cancel, create),
  );
  const d = modal("new-report-dialog", "新建报告", form);
  cancel.addEventListener("click", () => d.close());

  const check = (): { issuer: string; year: number } | null => {
    const iss = issuer.value.trim();
    const y = year.value.trim();
    issuerErr.textContent = iss === "" ? "请填写发文机关，例如“梅河口市人民政府”。" : iss.length > 200 ? "发文机关过长（上限200字）。" : "";
    let yearNum = NaN;
    if (!/^\d{4}$/.test(y)) yearErr.textContent = "请用四位阿拉伯数字填写年度，例如2019。";
    else {
      yearNum = Number(y);
      yearErr.textContent = yearNum < 2000 || yearNum > 2100 ? "年度应在2000至2100年之间。" : "";
    }
    issuer.setAttribute("aria-invalid", String(issuerErr.textContent !== ""));
    year.setAttribute("aria-invalid", String(yearErr.textContent !== ""));
    if (issuerErr.textContent !== "") {
      issuer.focus();
      return null;
    }
    if (yearErr.textContent !== "") {
      year.focus();
      return null;
    }
    return { issuer: iss, year: yearNum };
  };

  // A second report for the same issuer and year is usually a mistake: say
  // so once, offer the existing one; 仍然新建 goes ahead.
  const dup = h("div", { className: "dup-warning", testid: "duplicate-warning", role: "alert", hidden: true });
  formErr.before(dup);
  let confirmedDuplicate = "";
  const warnDuplicate = (same: ReportSummary, key: string): void => {
    clear(dup);
    dup.append(
      h("p", {}, `资料库中已有${same.issuer}${same.year}年度的报告（${same.status_label}，${localDateTime(same.updated_at)}修改）。是否打开已有的报告？`),
      h("div", { className: "dialog-buttons" },
        h("button", { type: "button", testid: "duplicate-open", className: "primary", onclick: () => {
          d.close();
          void openAfterClose(shell, same.id);
        } }, "打开已有报告"),
        h("button", { type: "button", testid: "duplicate-create", onclick: () => {
          confirmedDuplicate = key;
          form.requestSubmit();
        } }, "仍然新建")),
    );
    dup.hidden = false;
  };

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    formErr.textContent = "";
    const ok = check();
    if (!ok) return;
    create.disabled = true;
    try {
      const key = `${ok.issuer}\u0000${ok.year}`;
      if (confirmedDuplicate !== key) {
        const same = await api.findSameReport(ok.issuer, ok.year);
        if (same) {
          warnDuplicate(same, key);
          create.disabled = false;
          return;
        }
      }
      dup.hidden = true;
      const created = await api.createReport({
        issuer: ok.issuer,
        year: ok.year,
        template_id: select.value || null,
        include_optional: optional.checked,
      });
      d.close();
      showNotices(shell, created.notices);
      await open(shell, created.report.id);
    } catch (e) {
      formErr.textContent = toApiError(e).message;
      create.disabled = false;
    }
  });
  d.showModal();
  issuer.focus();
  issuer.select();
}

// ---- 导入 (the button, or a file dropped on the window) ----------------------------

/** Leaves the open report (saving it) and opens another; stays when the user chose to. */
async function openAfterClose(shell: Shell, id: string): Promise<void> {
  if (shell.current && !(await shell.current.close())) return;
  shell.current = null;
  await open(shell, id);
}

async function showImport(shell: Shell, preview: ImportPreview): Promise<void> {
  const view = await importDialog(preview);
  if (view) await openAfterClose(shell, view.id);
}

async function pickImport(shell: Shell, button: HTMLButtonElement): Promise<void> {
  showError(shell, null);
  button.disabled = true;
  let preview: ImportPreview | null = null;
  try {
    preview = await api.pickImport();
  } catch (e) {
    importErrorDialog(toApiError(e).message);
  } finally {
    button.disabled = false;
  }
  if (preview) await showImport(shell, preview);
}

/**
 * Drops reach Rust (WindowEvent::DragDrop), which parses the dropped file and calls
 * `window.__fazhiImportDropped(outcome)`, and `__fazhiDragHover(on)` while a file is
 * over the window. The webview itself must never navigate to a dropped file.
 */
function installImport(shell: Shell): void {
  const w = window as unknown as {
    __fazhiImportDropped?: (d: DroppedImport) => void;
    __fazhiDragHover?: (on: boolean) => void;
  };
  const overlay = h("div", { className: "drop-overlay", testid: "drop-overlay", hidden: true, "aria-hidden": "true" },
    h("div", { className: "drop-box" }, "松开鼠标即可导入此文件（文本、Word 或网页）"));
  shell.root.append(overlay);
  w.__fazhiDragHover = (on) => {
    overlay.hidden = !on;
  };
  w.__fazhiImportDropped = (d) => {
    overlay.hidden = true;
    if ("preview" in d) void showImport(shell, d.preview);
    else importErrorDialog(d.error.message);
  };
  for (const type of ["dragover", "drop"]) {
    window.addEventListener(type, (ev) => {
      if ((ev as DragEvent).dataTransfer?.types.includes("Files")) ev.preventDefault();
    });
  }
}
