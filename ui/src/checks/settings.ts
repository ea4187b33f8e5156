// 规则设置: each rule on or off and its severity, and the library's word lists
// (common typos, sensitive terms, office names). Stored in the library by
// set_rule_config; the checker is rebuilt with it.
import type { Finding } from "../bindings/Finding";
import type { Document } from "../bindings/Document";
import type { RuleConfig } from "../bindings/RuleConfig";
import type { RuleInfo } from "../bindings/RuleInfo";
import type { Severity } from "../bindings/Severity";
import type { WordPair } from "../bindings/WordPair";
import { toApiError } from "../api";
import { h } from "../dom";
import { CATEGORIES, SEVERITIES, SEVERITY_LABEL } from "./locate";

/** The commands the checks UI uses (api.ts in the app; a stub in unit tests). */
export interface ChecksApi {
  checkDocument(document: Document): Promise<Finding[]>;
  listRules(): Promise<RuleInfo[]>;
  getRuleConfig(): Promise<RuleConfig>;
  setRuleConfig(config: RuleConfig): Promise<null>;
}

/** One pair a line: 错误写法 and 正确写法, separated by spaces, a tab, →, = or a comma. */
export function parsePairs(text: string): { pairs: WordPair[]; bad: number[] } {
  const pairs: WordPair[] = [];
  const bad: number[] = [];
  text.split("\n").forEach((line, i) => {
    const t = line.trim();
    if (t === "") return;
    const parts = t.split(/\s*(?:→|->|=|，|,|\t|\s)\s*/).filter((x) => x !== "");
    if (parts.length !== 2 || parts[0] === parts[1]) bad.push(i + 1);
    else pairs.push({ wrong: parts[0], right: parts[1] });
  });
  return { pairs, bad };
}

export const formatPairs = (pairs: WordPair[]): string => pairs.map((p) => `${p.wrong} → ${p.right}`).join("\n");

export function parseTerms(text: string): string[] {
  return [...new Set(text.split(/\n/).map((t) => t.trim()).filter((t) => t !== ""))];
}

/** Opens the dialog; resolves true when the user saved. */
export async function openRuleSettings(api: ChecksApi, known: RuleInfo[]): Promise<boolean> {
  if (document.querySelector('[data-testid="rule-settings"]')) return false;
  let rules = known;
  let config: RuleConfig;
  try {
    if (rules.length === 0) rules = await api.listRules();
    config = await api.getRuleConfig();
  } catch (e) {
    const d = h("dialog", { className: "dialog", testid: "rule-settings", "aria-label": "规则设置" },
      h("h2", {}, "规则设置"), h("p", { className: "field-error", role: "alert" }, `无法读取校对设置：${toApiError(e).message}`));
    const close = h("button", { type: "button" }, "关闭");
    close.addEventListener("click", () => d.close());
    d.append(h("div", { className: "dialog-buttons" }, close));
    d.addEventListener("close", () => d.remove());
    document.body.append(d);
    d.showModal();
    return false;
  }

  const rows: { rule: RuleInfo; enabled: HTMLInputElement; severity: HTMLSelectElement }[] = [];
  const body = h("tbody", {});
  const cats = [...CATEGORIES, ...new Set(rules.map((r) => r.category).filter((c) => !CATEGORIES.includes(c)))];
  for (const c of cats) {
    const inCat = rules.filter((r) => r.category === c);
    if (inCat.length === 0) continue;
    body.append(h("tr", { className: "cat-row" }, h("th", { colspan: 3 }, c)));
    for (const r of inCat) {
      const s = config.rules[r.id];
      const enabled = h("input", { type: "checkbox", testid: "rule-enabled", "data-rule": r.id, "aria-label": `启用：${r.description}` });
      enabled.checked = s?.enabled ?? true;
      const severity = h("select", { testid: "rule-severity", "data-rule": r.id, "aria-label": `严重程度：${r.description}` },
        ...SEVERITIES.map((v) => h("option", { value: v }, v === r.default_severity ? `${SEVERITY_LABEL[v]}（默认）` : SEVERITY_LABEL[v])));
      severity.value = s?.severity ?? r.default_severity;
      rows.push({ rule: r, enabled, severity });
      body.append(h("tr", { testid: "rule-row", "data-rule": r.id }, h("td", {}, enabled), h("td", {}, h("label", { title: r.id }, r.description)), h("td", {}, severity)));
    }
  }
  const typos = h("textarea", { id: "rs-typos", rows: 5, testid: "rule-typos" });
  typos.value = formatPairs(config.typos);
  const terms = h("textarea", { id: "rs-terms", rows: 4, testid: "rule-terms" });
  terms.value = config.sensitive_terms.join("\n");
  const names = h("textarea", { id: "rs-names", rows: 4, testid: "rule-names" });
  names.value = formatPairs(config.names);
  const err = h("p", { className: "field-error", role: "alert", testid: "rule-settings-error" });
  const ok = h("button", { type: "submit", className: "primary", testid: "rule-settings-save" }, "保存");
  const cancel = h("button", { type: "button" }, "取消");
  const form = h("form", { method: "dialog" },
    h("h2", {}, "规则设置"),
    h("p", { className: "hint" }, "设置保存在本资料库中，对所有报告生效。"),
    h("div", { className: "rule-table-wrap" }, h("table", { className: "rule-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "启用"), h("th", {}, "规则"), h("th", {}, "严重程度"))), body)),
    h("div", { className: "field" }, h("label", { for: "rs-typos" }, "常见错别字（每行一组：错误写法 → 正确写法）"), typos),
    h("div", { className: "field" }, h("label", { for: "rs-terms" }, "敏感词（每行一个，公开前不得出现）"), terms),
    h("div", { className: "field" }, h("label", { for: "rs-names" }, "机关规范名称（每行一组：旧称或错写 → 规范名称）"), names),
    err,
    h("div", { className: "dialog-buttons" }, cancel, ok));
  const d = h("dialog", { className: "dialog rule-settings", testid: "rule-settings", "aria-label": "规则设置" }, form);
  document.body.append(d);
  return new Promise((resolve) => {
    let saved = false;
    d.addEventListener("close", () => {
      d.remove();
      resolve(saved);
    });
    cancel.addEventListener("click", () => d.close());
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      err.textContent = "";
      const t = parsePairs(typos.value);
      const n = parsePairs(names.value);
      if (t.bad.length || n.bad.length) {
        const where = [t.bad.length ? `常见错别字第${t.bad.join("、")}行` : "", n.bad.length ? `机关规范名称第${n.bad.join("、")}行` : ""].filter(Boolean).join("，");
        err.textContent = `${where}格式不对：每行应是两个不同的词，中间用“→”或空格隔开。`;
        return;
      }
      const next: RuleConfig = { rules: {}, typos: t.pairs, sensitive_terms: parseTerms(terms.value), names: n.pairs };
      for (const r of rows) {
        const sev = r.severity.value as Severity;
        // Only what differs from the default is stored.
        if (!r.enabled.checked || sev !== r.rule.default_severity)
          next.rules[r.rule.id] = { enabled: r.enabled.checked, severity: sev === r.rule.default_severity ? null : sev };
      }
      ok.disabled = true;
      api.setRuleConfig(next).then(
        () => {
          saved = true;
          d.close();
        },
        (e: unknown) => {
          err.textContent = `保存失败：${toApiError(e).message}`;
          ok.disabled = false;
        },
      );
    });
    d.showModal();
    rows[0]?.enabled.focus();
  });
}
