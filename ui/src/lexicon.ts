// 设置 → 词库: the proofreading lexicon in force (built-in entries, this
// library's changes and its own entries): search, add, edit, switch off, set
// each entry's level, and CSV/XLSX import and export through native dialogs
// that Rust opens. Every rule lives in Rust; this page only lists and edits.
import type { LexEntry } from "./bindings/LexEntry";
import type { LexEntryView } from "./bindings/LexEntryView";
import type { LexGroup } from "./bindings/LexGroup";
import type { LexiconImport } from "./bindings/LexiconImport";
import type { Severity } from "./bindings/Severity";
import { toApiError } from "./api";
import { clear, h } from "./dom";

/** The commands the page uses (proofingApi in the app). */
export interface LexiconApi {
  listLexicon(): Promise<LexEntryView[]>;
  saveLexiconEntry(entry: LexEntry, replaces: string | null): Promise<LexEntryView[]>;
  removeLexiconEntry(key: string): Promise<LexEntryView[]>;
  exportLexicon(format: string): Promise<string | null>;
  importLexicon(): Promise<LexiconImport | null>;
}

const GROUPS: LexGroup[] = ["错别字", "近义混淆", "语病", "公文用语", "称谓", "法治术语"];
const LEVELS: Array<[Severity, string]> = [["error", "错误"], ["warning", "警告"], ["info", "提示"]];
const SOURCE_LABEL: Record<LexEntry["source"], string> = { builtin: "内置", override: "已修改", user: "自定义" };
/** Rows shown before 显示更多 (the list has hundreds). */
const PAGE = 100;

export const entryKey = (e: Pick<LexEntry, "wrong" | "condition">): string => `${e.wrong.trim()}|${e.condition.trim()}`;

/** The condition's syntax, for the form's tooltip (Rust reads it: condition.rs). */
const CONDITION_HELP =
  "留空表示任意位置都检查。可写：后接：甲｜乙（后面紧接甲或乙时才算错）、不后接：…、前接：…、不前接：…、正则：表达式（须放在最后）；" +
  "多项用“；”连接，几个词语之间用“｜”分隔（冒号、分号、竖线全角半角均可）。例：不前接：不｜甚；不后接：之";

/** What the table and the form show of a condition: Rust's Chinese form, empty for 任意位置. */
const conditionShown = (e: LexEntryView): string => (e.condition === "always" ? "" : e.condition_label);

/** The entry as saved (the view without its label). */
const entryOf = (e: LexEntryView): LexEntry => {
  const { condition_label: _label, ...entry } = e;
  return entry;
};

function matches(e: LexEntryView, q: string): boolean {
  if (q === "") return true;
  return [e.wrong, e.suggestion, e.group, e.explanation, e.condition_label].some((s) => s.includes(q));
}

/** Opens the 词库 dialog. */
export async function openLexicon(api: LexiconApi): Promise<void> {
  if (document.querySelector('[data-testid="lexicon"]')) return;
  let entries: LexEntryView[] = [];
  let shown = PAGE;
  const status = h("p", { className: "hint", testid: "lexicon-status", role: "status", "aria-live": "polite" });
  const err = h("p", { className: "field-error", role: "alert", testid: "lexicon-error" });
  const search = h("input", { type: "search", placeholder: "搜索错误写法、建议、分组或说明", testid: "lexicon-search", "aria-label": "搜索词库" });
  const body = h("tbody", {});
  const fail = (e: unknown): void => {
    err.textContent = toApiError(e).message;
  };
  const save = async (entry: LexEntry, replaces: string | null): Promise<boolean> => {
    err.textContent = "";
    try {
      entries = await api.saveLexiconEntry(entry, replaces);
      render();
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  };

  // ---- the add / edit form ---------------------------------------------------
  const fWrong = h("input", { type: "text", testid: "lex-wrong", "aria-label": "错误写法", required: true });
  const fRight = h("input", { type: "text", testid: "lex-suggestion", "aria-label": "建议写法" });
  const fLevel = h("select", { testid: "lex-level", "aria-label": "级别" }, ...LEVELS.map(([v, l]) => h("option", { value: v }, l)));
  const fGroup = h("select", { testid: "lex-group", "aria-label": "分组" }, ...GROUPS.map((g) => h("option", { value: g }, g)));
  // Empty means 任意位置 (no condition): the form does not show it. Typed in
  // Chinese (后接：之) — or in the older English syntax — and read by Rust.
  const fCond = h("input", { type: "text", testid: "lex-condition", "aria-label": "条件", placeholder: "任意位置（例：后接：之｜乎）", title: CONDITION_HELP });
  const fWhy = h("input", { type: "text", testid: "lex-explanation", "aria-label": "说明" });
  let editing: LexEntryView | null = null;
  const formTitle = h("h3", {}, "添加词条");
  const submit = h("button", { type: "submit", className: "primary", testid: "lex-save" }, "添加");
  const cancelEdit = h("button", { type: "button", hidden: true }, "取消修改");
  const resetForm = (): void => {
    editing = null;
    fWrong.value = "";
    fRight.value = "";
    fLevel.value = "warning";
    fGroup.value = "错别字";
    fCond.value = "";
    fWhy.value = "";
    formTitle.textContent = "添加词条";
    submit.textContent = "添加";
    cancelEdit.hidden = true;
  };
  const edit = (e: LexEntryView): void => {
    editing = e;
    fWrong.value = e.wrong;
    fRight.value = e.suggestion;
    fLevel.value = e.level;
    fGroup.value = e.group;
    fCond.value = conditionShown(e);
    fWhy.value = e.explanation;
    formTitle.textContent = `修改词条“${e.wrong}”`;
    submit.textContent = "保存修改";
    cancelEdit.hidden = false;
    fWrong.focus();
  };
  cancelEdit.addEventListener("click", resetForm);
  const form = h("form", { className: "lexicon-form", testid: "lexicon-form" },
    formTitle,
    h("div", { className: "lexicon-fields" },
      h("label", {}, "错误写法", fWrong), h("label", {}, "建议写法", fRight), h("label", {}, "级别", fLevel),
      h("label", {}, "分组", fGroup), h("label", {}, "条件", fCond), h("label", {}, "说明", fWhy)),
    h("p", { className: "hint", testid: "lex-condition-help" }, `条件：${CONDITION_HELP}`),
    h("div", { className: "dialog-buttons" }, cancelEdit, submit));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const base = editing;
    const entry: LexEntry = {
      wrong: fWrong.value.trim(),
      suggestion: fRight.value.trim(),
      level: fLevel.value as Severity,
      condition: fCond.value.trim() || "always",
      group: fGroup.value as LexGroup,
      explanation: fWhy.value.trim(),
      enabled: base?.enabled ?? true,
      example: base?.example ?? "",
      counter: base?.counter ?? "",
      source: base?.source ?? "user",
    };
    void save(entry, base ? entryKey(base) : null).then((ok) => {
      if (!ok) return;
      status.textContent = base ? `已保存“${entry.wrong}”。` : `已添加“${entry.wrong}”，下次校对生效。`;
      resetForm();
    });
  });

  // ---- the table ---------------------------------------------------------------
  const row = (e: LexEntryView): HTMLElement => {
    const enabled = h("input", { type: "checkbox", testid: "lex-enabled", "aria-label": `启用“${e.wrong}”` });
    enabled.checked = e.enabled;
    enabled.addEventListener("change", () => void save({ ...entryOf(e), enabled: enabled.checked }, null));
    const level = h("select", { testid: "lex-row-level", "aria-label": `“${e.wrong}”的级别` }, ...LEVELS.map(([v, l]) => h("option", { value: v }, l)));
    level.value = e.level;
    level.addEventListener("change", () => void save({ ...entryOf(e), level: level.value as Severity }, null));
    const actions = h("td", { className: "lexicon-actions" },
      h("button", { type: "button", className: "link", testid: "lex-edit", onclick: () => edit(e) }, "修改"));
    if (e.source !== "builtin")
      actions.append(h("button", { type: "button", className: "link", testid: "lex-remove", title: e.source === "user" ? "删除这一自定义词条" : "恢复内置设置", onclick: () => {
        err.textContent = "";
        api.removeLexiconEntry(entryKey(e)).then((list) => {
          entries = list;
          render();
        }, fail);
      } }, e.source === "user" ? "删除" : "还原"));
    return h("tr", { testid: "lexicon-row", "data-key": entryKey(e), "data-source": e.source, className: e.enabled ? "" : "disabled" },
      h("td", {}, enabled),
      h("td", { className: "lex-wrong" }, e.wrong),
      h("td", {}, e.suggestion === "" ? "（删除）" : e.suggestion),
      h("td", {}, level),
      h("td", {}, e.group),
      h("td", { className: "lex-cond", testid: "lex-row-condition", title: conditionShown(e) }, conditionShown(e)),
      h("td", { className: "lex-why" }, e.explanation),
      h("td", {}, SOURCE_LABEL[e.source]),
      actions);
  };
  const more = h("button", { type: "button", className: "link", testid: "lexicon-more" }, "显示更多");
  more.addEventListener("click", () => {
    shown += PAGE;
    render();
  });
  const render = (): void => {
    clear(body);
    const q = search.value.trim();
    const hits = entries.filter((e) => matches(e, q));
    for (const e of hits.slice(0, shown)) body.append(row(e));
    more.hidden = hits.length <= shown;
    const on = entries.filter((e) => e.enabled).length;
    status.textContent = `共${entries.length}条，启用${on}条${q ? `；找到${hits.length}条` : ""}。`;
  };
  search.addEventListener("input", () => {
    shown = PAGE;
    render();
  });

  // ---- files ---------------------------------------------------------------------
  const exportAs = (format: "csv" | "xlsx"): void => {
    err.textContent = "";
    api.exportLexicon(format).then((path) => {
      if (path) status.textContent = `已导出到 ${path}`;
    }, fail);
  };
  const importFile = h("button", { type: "button", testid: "lexicon-import" }, "导入 CSV/XLSX…");
  importFile.addEventListener("click", () => {
    err.textContent = "";
    api.importLexicon().then(async (r) => {
      if (!r) return;
      entries = await api.listLexicon();
      render();
      status.textContent = `已导入：${r.rows}行，新增${r.added}条，修改${r.changed}条，未变${r.unchanged}条；下次校对生效。`;
    }, fail);
  });
  const close = h("button", { type: "button", testid: "lexicon-close" }, "关闭");
  const d = h("dialog", { className: "dialog lexicon-dialog", testid: "lexicon", "aria-label": "词库" },
    h("h2", {}, "词库"),
    h("p", { className: "hint" }, "校对时使用的错别字、近义混淆、语病、公文用语、称谓和法治术语词条。修改保存在本资料库中，随审阅包一起交换。"),
    h("div", { className: "toolbar" }, search,
      h("button", { type: "button", testid: "lexicon-export-csv", onclick: () => exportAs("csv") }, "导出 CSV…"),
      h("button", { type: "button", testid: "lexicon-export-xlsx", onclick: () => exportAs("xlsx") }, "导出 XLSX…"),
      importFile),
    status, err,
    h("div", { className: "lexicon-table-wrap" }, h("table", { className: "lexicon-table", testid: "lexicon-table" },
      h("thead", {}, h("tr", {}, ...["启用", "错误写法", "建议写法", "级别", "分组", "条件", "说明", "来源", ""].map((t) => h("th", {}, t)))),
      body), more),
    form,
    h("div", { className: "dialog-buttons" }, close));
  close.addEventListener("click", () => d.close());
  // WebKit's search box keeps an Esc for itself even when empty: there it closes the dialog.
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && search.value === "") {
      ev.preventDefault();
      d.close();
    }
  });
  d.addEventListener("close", () => d.remove());
  document.body.append(d);
  resetForm();
  d.showModal();
  try {
    entries = await api.listLexicon();
    render();
  } catch (e) {
    fail(e);
  }
  search.focus();
}
