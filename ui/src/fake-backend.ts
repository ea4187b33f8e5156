// An in-memory stand-in for the Tauri commands, used by the browser tests and
// the editor benchmark (never bundled in the app). It enforces the same template
// check the core does for everything the UI can produce, so the UI's error paths
// are exercised against realistic refusals.
import statutory from "../../assets/templates/statutory.v1.json";
import leadershipFirst from "../../assets/templates/leadership-first.v1.json";
import outlines from "../../assets/templates/outlines.v1.json";
import type { ApiError, AppInfo } from "./api";
import type { Created } from "./bindings/Created";
import type { Document } from "./bindings/Document";
import type { Finding } from "./bindings/Finding";
import type { RuleConfig } from "./bindings/RuleConfig";
import type { RuleInfo } from "./bindings/RuleInfo";
import type { NewReport } from "./bindings/NewReport";
import type { Paragraph } from "./bindings/Paragraph";
import type { ReportSummary } from "./bindings/ReportSummary";
import type { ReportView } from "./bindings/ReportView";
import type { RevisionInfo } from "./bindings/RevisionInfo";
import { fakeCompare } from "./testing/fake-diff";
import type { Role } from "./bindings/Role";
import type { Saved } from "./bindings/Saved";
import type { Section } from "./bindings/Section";
import type { Status } from "./bindings/Status";
import type { TemplateInfo } from "./bindings/TemplateInfo";
import { MAX_LEVEL, documentTitle, newId, paragraphsChars, sectionChars, countChars } from "./model";

interface PartSpec {
  role: string;
  heading: string;
  keywords: string[];
  presets?: string;
  optional?: boolean;
}
interface TemplateData {
  id: string;
  version: number;
  name: string;
  description: string;
  parts: PartSpec[];
}
interface Outline {
  id: string;
  title: string;
  from: number;
  to: number;
  tasks: string[];
}

const TEMPLATES: TemplateData[] = [statutory as TemplateData, leadershipFirst as TemplateData];
const OUTLINES: Outline[] = (outlines as { outlines: Outline[] }).outlines;

const ROLE_LABEL: Record<Role, string> = {
  measures: "主要举措和成效",
  shortcomings: "存在的不足和原因",
  leadership: "第一责任人履职情况",
  plans: "下一年度主要安排",
  other: "其他需要报告的情况",
};
const STATUS_LABEL: Record<Status, string> = {
  draft: "草稿",
  review: "审阅中",
  final: "已定稿",
  filed: "已报送",
  published: "已公开",
};

class Refusal implements ApiError {
  constructor(
    public code: string,
    public message: string,
  ) {}
}

const invalid = (m: string) => new Refusal("invalid", "文档不符合报告模板：" + m);

function fillYears(p: string, year: number): string {
  return p.replaceAll("{year}", String(year)).replaceAll("{next_year}", String(year + 1));
}

function outlineFor(year: number): { outline: Outline; fallback: boolean } {
  const hit = OUTLINES.find((o) => year >= o.from && year <= o.to);
  if (hit) return { outline: hit, fallback: false };
  return { outline: OUTLINES[OUTLINES.length - 1], fallback: true };
}

const para = (text = ""): Paragraph => ({ id: newId(), text });
const section = (heading: string): Section => ({ id: newId(), heading, paragraphs: [], sections: [] });

export function instantiate(tplId: string, issuer: string, year: number, includeOptional: boolean): [Document, string[]] {
  const tpl = TEMPLATES.find((t) => t.id === tplId);
  if (!tpl) throw new Refusal("unknown_template", `未知的模板：${tplId}`);
  const notices: string[] = [];
  const parts = tpl.parts
    .filter((s) => includeOptional || !s.optional)
    .map((spec) => {
      let sections: Section[] = [];
      if (spec.presets) {
        const y = spec.presets === "outline_of_year" ? year : year + 1;
        const c = outlineFor(y);
        if (c.fallback) {
          const n = `${y}年不在纲要对照表内，已按最新的《${c.outline.title}》预设“${ROLE_LABEL[spec.role as Role]}”的小标题，请核对。`;
          if (!notices.includes(n)) notices.push(n);
        }
        sections = c.outline.tasks.map(section);
      }
      return {
        id: newId(),
        role: spec.role as Role,
        heading: fillYears(spec.heading, year),
        paragraphs: sections.length === 0 ? [para()] : [],
        sections,
      };
    });
  const doc: Document = {
    schema_version: 1,
    issuer: issuer.trim(),
    year,
    title_override: null,
    addressee: null,
    doc_number: null,
    signer: null,
    signature: null,
    date: null,
    note: null,
    copy_to: null,
    printed_by: null,
    printed_on: null,
    template: { id: tpl.id, version: tpl.version },
    settings: { heading_style: "separate" },
    preface: [para()],
    parts,
    closing: [],
  };
  return [doc, notices];
}

/** The core's template check (validate.rs), for what the UI can produce. */
export function validate(doc: Document): void {
  const tpl = TEMPLATES.find((t) => t.id === doc.template.id && t.version === doc.template.version);
  if (!tpl) throw new Refusal("unknown_template", `未知的模板：${doc.template.id}`);
  if (doc.issuer.trim() === "") throw invalid("发文机关不能为空");
  if (!Number.isInteger(doc.year) || doc.year < 2000 || doc.year > 2100)
    throw invalid(`年度${doc.year}不在合理范围（2000—2100年）内`);
  const seen = new Set<string>();
  for (const p of doc.parts) {
    if (!tpl.parts.some((s) => s.role === p.role)) throw invalid(`模板中没有“${ROLE_LABEL[p.role]}”这一部分`);
    if (seen.has(p.role)) throw invalid(`法定部分“${ROLE_LABEL[p.role]}”重复出现`);
    seen.add(p.role);
  }
  for (const s of tpl.parts)
    if (!s.optional && !seen.has(s.role)) throw invalid(`缺少法定部分“${ROLE_LABEL[s.role as Role]}”`);
  const expected = tpl.parts.filter((s) => seen.has(s.role));
  doc.parts.forEach((part, i) => {
    const spec = expected[i];
    if (part.role !== spec.role)
      throw invalid(
        `各部分顺序不符合模板：第${i + 1}部分应为“${ROLE_LABEL[spec.role as Role]}”，实为“${ROLE_LABEL[part.role]}”`,
      );
    const h = part.heading.trim();
    if (h === "") throw invalid(`部分的标题不能为空（第${i + 1}部分）`);
    if (!spec.keywords.some((k) => h.includes(k)))
      throw invalid(
        `第${i + 1}部分的标题“${h}”已不再表明“${ROLE_LABEL[part.role]}”，请保留“${spec.keywords[0]}”等字样`,
      );
  });
  const ids = new Set<string>();
  const id = (x: string) => {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(x)) throw invalid(`编号“${x.slice(0, 40)}”含有不允许的字符`);
    if (ids.has(x)) throw invalid(`编号重复：${x}`);
    ids.add(x);
  };
  const text = (what: string, s: string) => {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(s)) throw invalid(`${what}含有控制字符或换行，请删除后再保存`);
  };
  const paras = (ps: Paragraph[]) =>
    ps.forEach((p) => {
      id(p.id);
      text("段落", p.text);
    });
  const sec = (s: Section, level: number) => {
    if (level > MAX_LEVEL)
      throw invalid(`层级过深：“${s.heading.slice(0, 30)}”位于第${level}级，公文标题最多四级（一、（一）1.（1））`);
    id(s.id);
    text("小标题", s.heading);
    paras(s.paragraphs);
    s.sections.forEach((c) => sec(c, level + 1));
  };
  paras(doc.preface);
  for (const p of doc.parts) {
    id(p.id);
    paras(p.paragraphs);
    p.sections.forEach((s) => sec(s, 2));
  }
  paras(doc.closing);
}

function plainText(doc: Document): string {
  const out: string[] = [documentTitle(doc)];
  const sec = (s: Section) => {
    out.push(s.heading, ...s.paragraphs.map((p) => p.text));
    s.sections.forEach(sec);
  };
  out.push(...doc.preface.map((p) => p.text));
  for (const p of doc.parts) {
    out.push(p.heading, ...p.paragraphs.map((x) => x.text));
    p.sections.forEach(sec);
  }
  out.push(...doc.closing.map((p) => p.text));
  return out.join("\n");
}

function docChars(doc: Document): number {
  return (
    countChars(documentTitle(doc)) +
    paragraphsChars(doc.preface) +
    doc.parts.reduce(
      (a, p) => a + countChars(p.heading) + paragraphsChars(p.paragraphs) + p.sections.reduce((b, s) => b + sectionChars(s), 0),
      0,
    ) +
    paragraphsChars(doc.closing)
  );
}

interface Stored {
  id: string;
  status: Status;
  version: number;
  created_at: string;
  updated_at: string;
  doc: Document;
  revisions: { info: RevisionInfo; doc: Document }[];
}

const clone = <T>(x: T): T => structuredClone(x);

export class FakeBackend {
  reports = new Map<string, Stored>();
  notices: string[] = [];
  /** Errors to return for the next calls of a command, oldest first. */
  private failures = new Map<string, ApiError[]>();
  /** Every command received, for tests to inspect. */
  calls: { cmd: string; args: Record<string, unknown> }[] = [];
  /** Set when the app let its window close (after saving). */
  windowClosed = false;
  /** Artificial latency of every command, in ms. */
  delay = 0;
  private clock = Date.parse("2026-01-01T00:00:00Z");

  failNext(cmd: string, error: ApiError, times = 1): void {
    const q = this.failures.get(cmd) ?? [];
    for (let i = 0; i < times; i++) q.push(error);
    this.failures.set(cmd, q);
  }

  private now(): string {
    // Monotonic even when two writes land in the same millisecond.
    this.clock = Math.max(this.clock + 1, Date.now());
    return new Date(this.clock).toISOString();
  }

  /** 校对 settings (get_rule_config / set_rule_config). */
  ruleConfig: RuleConfig = { rules: {}, typos: [], sensitive_terms: [], names: [] };

  /** Adds a report directly (test set-up). */
  seed(issuer: string, year: number, edit?: (d: Document) => void, template = "statutory", status: Status = "draft"): string {
    const [doc] = instantiate(template, issuer, year, false);
    edit?.(doc);
    validate(doc);
    const id = newId();
    const t = this.now();
    this.reports.set(id, { id, status, version: 1, created_at: t, updated_at: t, doc, revisions: [] });
    return id;
  }

  private get(id: unknown): Stored {
    const r = typeof id === "string" ? this.reports.get(id) : undefined;
    if (!r) throw new Refusal("not_found", `找不到报告：${String(id)}`);
    return r;
  }

  private view(r: Stored): ReportView {
    return {
      id: r.id,
      status: r.status,
      status_label: STATUS_LABEL[r.status],
      version: r.version,
      created_at: r.created_at,
      updated_at: r.updated_at,
      title: documentTitle(r.doc),
      ...clone(r.doc),
    };
  }

  private summary(r: Stored): ReportSummary {
    return {
      id: r.id,
      issuer: r.doc.issuer,
      year: r.doc.year,
      title: documentTitle(r.doc),
      status: r.status,
      status_label: STATUS_LABEL[r.status],
      template_id: r.doc.template.id,
      version: r.version,
      created_at: r.created_at,
      updated_at: r.updated_at,
      chars: docChars(r.doc),
    };
  }

  private revision(r: Stored, message: string | null): RevisionInfo {
    const info: RevisionInfo = {
      report_id: r.id,
      revision: r.revisions.length + 1,
      message: message && message.trim() !== "" ? message.trim() : null,
      author: null,
      created_at: this.now(),
      chars: docChars(r.doc),
    };
    r.revisions.push({ info, doc: clone(r.doc) });
    return info;
  }

  async handle(cmd: string, args: Record<string, unknown> = {}): Promise<unknown> {
    this.calls.push({ cmd, args: clone(args) });
    if (this.delay > 0) await new Promise((res) => setTimeout(res, this.delay));
    const queued = this.failures.get(cmd);
    if (queued && queued.length > 0) throw queued.shift();
    // Results cross a serialisation boundary in the real app: never share objects.
    return clone(this.dispatch(cmd, args));
  }

  private dispatch(cmd: string, a: Record<string, unknown>): unknown {
    switch (cmd) {
      case "app_info":
        return { version: "0.1.0-test", dbPath: "/内存/测试.sqlite3", notices: this.notices } satisfies AppInfo;
      case "list_templates":
        return TEMPLATES.map((t) => ({ id: t.id, version: t.version, name: t.name, description: t.description }) satisfies TemplateInfo);
      case "list_reports": {
        const q = typeof a.query === "string" ? a.query.trim() : "";
        return [...this.reports.values()]
          .filter((r) => q === "" || plainText(r.doc).includes(q))
          .sort((x, y) => (x.updated_at < y.updated_at ? 1 : x.updated_at > y.updated_at ? -1 : 0))
          .map((r) => this.summary(r));
      }
      case "create_report": {
        const input = a.input as NewReport;
        if (!input || typeof input.issuer !== "string" || input.issuer.trim() === "") throw invalid("发文机关不能为空");
        if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
          throw invalid(`年度${input.year}不在合理范围（2000—2100年）内`);
        const [doc, notices] = instantiate(input.template_id ?? "statutory", input.issuer, input.year, input.include_optional);
        validate(doc);
        const id = newId();
        const t = this.now();
        const r: Stored = { id, status: "draft", version: 1, created_at: t, updated_at: t, doc, revisions: [] };
        this.reports.set(id, r);
        return { report: this.view(r), notices } satisfies Created;
      }
      case "get_report":
        return this.view(this.get(a.id));
      case "save_report": {
        const r = this.get(a.id);
        const expected = a.expectedVersion;
        if (typeof expected === "number" && expected !== r.version)
          throw new Refusal(
            "conflict",
            `报告已被其他窗口或命令行修改（当前版本${r.version}，编辑时为${expected}），为避免覆盖，请重新打开后再保存`,
          );
        if (r.status !== "draft" && r.status !== "review")
          throw new Refusal("locked", `报告处于“${STATUS_LABEL[r.status]}”状态，内容已锁定；如需修改，请由签发人撤销定稿`);
        const doc = clone(a.document as Document);
        validate(doc);
        if (doc.template.id !== r.doc.template.id) throw invalid("不能更换模板");
        r.doc = doc;
        r.version += 1;
        r.updated_at = this.now();
        return { id: r.id, version: r.version, updated_at: r.updated_at } satisfies Saved;
      }
      case "delete_report":
        this.get(a.id);
        this.reports.delete(a.id as string);
        return null;
      case "save_version":
        return this.revision(this.get(a.id), (a.message as string | null) ?? null);
      case "list_revisions":
        return this.get(a.id).revisions.map((x) => x.info).reverse();
      case "get_revision": {
        const r = this.get(a.id);
        const rev = r.revisions.find((x) => x.info.revision === a.revision);
        if (!rev) throw new Refusal("revision_not_found", `找不到版本：报告${r.id}的第${String(a.revision)}版`);
        return rev.doc;
      }
      case "compare_revisions": {
        const r = this.get(a.id);
        const load = (n: unknown): Document => {
          if (n === null || n === undefined) return r.doc;
          const rev = r.revisions.find((x) => x.info.revision === n);
          if (!rev) throw new Refusal("revision_not_found", `找不到版本：报告${r.id}的第${String(n)}版`);
          return rev.doc;
        };
        return fakeCompare(load(a.from), load(a.to));
      }
      case "restore_revision": {
        const r = this.get(a.id);
        const rev = r.revisions.find((x) => x.info.revision === a.revision);
        if (!rev) throw new Refusal("revision_not_found", `找不到版本：报告${r.id}的第${String(a.revision)}版`);
        r.doc = clone(rev.doc);
        r.version += 1;
        r.updated_at = this.now();
        return this.revision(r, `恢复自第${rev.info.revision}版`);
      }
      case "close_window":
        this.windowClosed = true;
        return null;
      case "check_document":
        return fakeCheck(a.document as Document, this.ruleConfig);
      case "list_rules":
        return FAKE_RULES;
      case "get_rule_config":
        return clone(this.ruleConfig);
      case "set_rule_config": {
        const cfg = a.config as RuleConfig;
        const unknown = Object.keys(cfg.rules).find((k) => !FAKE_RULES.some((r) => r.id === k));
        if (unknown) throw new Refusal("config", `校对设置中没有规则“${unknown}”`);
        this.ruleConfig = clone(cfg);
        return null;
      }
      default:
        throw new Refusal("unknown_command", `未知的命令：${cmd}`);
    }
  }
}

// ---- 校对 (check_document): a few real rules computed in JS, so that the panel,
// underlines, fixes, fix-all and badges are exercised without the Rust engine.
const FAKE_RULES: RuleInfo[] = [
  { id: "punct.halfwidth", category: "标点", default_severity: "error", description: "中文语境中使用了半角标点 , ; : ( ) ? !（不含小数、“1.”序号、时间、网址）", has_safe_fix: true },
  { id: "punct.space", category: "标点", default_severity: "warning", description: "中文文字之间有多余空格", has_safe_fix: true },
  { id: "genre.huibao", category: "文种", default_severity: "error", description: "报告应写“报告如下”，不用“汇报”", has_safe_fix: false },
  { id: "year.jinnian", category: "年份", default_severity: "warning", description: "报告成文于次年，“今年”指代不明，应写明年份", has_safe_fix: false },
];

const HAN = /[\u3400-\u9fff\uff0c\u3002\uff1b\uff1a\u201c\u201d\uff08\uff09]/u;

/** Nodes in reading order: [id, text] (part headings by part id, section headings by section id). */
function fakeNodes(doc: Document): [string, string][] {
  const out: [string, string][] = [];
  const sec = (s: Section) => {
    out.push([s.id, s.heading]);
    for (const p of s.paragraphs) out.push([p.id, p.text]);
    s.sections.forEach(sec);
  };
  for (const p of doc.preface) out.push([p.id, p.text]);
  for (const part of doc.parts) {
    out.push([part.id, part.heading]);
    for (const p of part.paragraphs) out.push([p.id, p.text]);
    part.sections.forEach(sec);
  }
  for (const p of doc.closing) out.push([p.id, p.text]);
  return out;
}

export function fakeCheck(doc: Document, cfg: RuleConfig): Finding[] {
  const out: Finding[] = [];
  const rule = (id: string) => FAKE_RULES.find((r) => r.id === id) as RuleInfo;
  const emit = (id: string, node: string, start: number, end: number, text: string, message: string, replacement: string | null) => {
    const setting = cfg.rules[id];
    if (setting && !setting.enabled) return;
    const r = rule(id);
    out.push({
      rule: id,
      category: r.category,
      severity: setting?.severity ?? r.default_severity,
      message,
      location: { node_id: node, start, end },
      text,
      fix: replacement === null ? null : { replacement, safe: true, label: replacement === "" ? "删除" : `改为“${replacement}”` },
    });
  };
  for (const [id, text] of fakeNodes(doc)) {
    // Offsets are in chars (Unicode scalars), like the Rust engine's.
    const chars = [...text];
    chars.forEach((c, i) => {
      const prev = chars[i - 1] ?? "";
      const next = chars[i + 1] ?? "";
      if (c === "," && (HAN.test(prev) || HAN.test(next)) && !/\d/.test(next))
        emit("punct.halfwidth", id, i, i + 1, c, "中文语境中应使用全角逗号“，”，不用半角“,”（GB/T 15834—2011 4.4）", "，");
      if (c === " " && HAN.test(prev) && HAN.test(next)) emit("punct.space", id, i, i + 1, c, "中文文字之间不应有空格", "");
    });
    const s = chars.join("");
    for (const [word, rid, msg] of [
      ["汇报如下", "genre.huibao", "报告应写“报告如下”，不用“汇报如下”"],
      ["今年", "year.jinnian", "报告成文于次年，“今年”指代不明，应写明年份"],
    ] as const) {
      let at = s.indexOf(word);
      while (at >= 0) {
        const start = [...s.slice(0, at)].length;
        emit(rid, id, start, start + word.length, word, msg, null);
        at = s.indexOf(word, at + word.length);
      }
    }
  }
  return out;
}
