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
import { BACKUP_COMMANDS, FakeBackups } from "./testing/fake-backups";
import type { Role } from "./bindings/Role";
import type { Saved } from "./bindings/Saved";
import type { Section } from "./bindings/Section";
import type { Status } from "./bindings/Status";
import type { TemplateInfo } from "./bindings/TemplateInfo";
import type { Exported } from "./bindings/Exported";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ImportResult } from "./bindings/ImportResult";
import type { PdfPreview } from "./bindings/PdfPreview";
import type { PreviewLine } from "./bindings/PreviewLine";
import type { PreviewPage } from "./bindings/PreviewPage";
import type { Profile } from "./bindings/Profile";
import { changeYear, numberPrefix } from "./model";
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
  /** Review state and rules (comments, workflow, packages): FakeReview at the end of this file. */
  review = new FakeReview();
  /** Backups and library health (testing/fake-backups.ts). */
  backups = new FakeBackups();
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
    if (REVIEW_COMMANDS.has(cmd)) return clone(this.review.dispatch(this, cmd, args));
    if (BACKUP_COMMANDS.has(cmd)) return clone(this.backups.dispatch(this, cmd, args));
    this.review.beforeWrite(cmd, args, this);
    const out = this.dispatch(cmd === "save_report_with_anchors" ? "save_report" : cmd, args);
    this.review.afterWrite(this, cmd, args);
    return clone(out);
  }

  // ---- files (see the end of this file) -----------------------------------------------
  /** What the 导入 dialog picks: null = the user cancelled. */
  importFile: { fileName: string; result: ImportResult } | null = sampleImport();
  /** What the 导出 save dialog answers: null = cancelled; the extension follows the format. */
  exportPath: string | null = "/home/用户/文档/报告";
  /** Files written by export_report, and folders revealed. */
  exported: { path: string; format: string; profile: string; withComments: boolean }[] = [];
  revealed: string[] = [];
  /** next-year report id → the report it was made from. */
  sources = new Map<string, string>();
  private pendingImport: { token: string; result: ImportResult } | null = null;

  private fileCommand(cmd: string, a: Record<string, unknown>): unknown {
    switch (cmd) {
      case "pick_import": {
        if (!this.importFile) return null;
        const token = newId();
        this.pendingImport = { token, result: clone(this.importFile.result) };
        return { token, fileName: this.importFile.fileName, result: clone(this.importFile.result) } satisfies ImportPreview;
      }
      case "confirm_import": {
        const p = this.pendingImport;
        if (!p || p.token !== a.token) throw new Refusal("no_import", "没有待确认的导入，请重新选择文件");
        this.pendingImport = null;
        const o = a.options as ImportOptions;
        let doc = clone(p.result.document);
        if (o.issuer !== null) doc.issuer = o.issuer;
        if (o.year !== null) doc = changeYear(doc, o.year);
        validate(doc);
        const id = newId();
        const t = this.now();
        const r: Stored = { id, status: "draft", version: 1, created_at: t, updated_at: t, doc, revisions: [] };
        this.reports.set(id, r);
        return this.view(r);
      }
      case "next_year_report": {
        const last = this.get(a.id);
        const doc = changeYear(clone(last.doc), last.doc.year + 1);
        const empty = (s: Section): Section => ({ ...s, id: newId(), paragraphs: [], sections: s.sections.map(empty) });
        doc.preface = [para()];
        doc.parts = doc.parts.map((p) => {
          const keep = p.role === "measures" || p.role === "plans";
          const sections = keep ? p.sections.map(empty) : [];
          return { ...p, id: newId(), sections, paragraphs: sections.length === 0 ? [para()] : [] };
        });
        doc.closing = [];
        doc.date = null;
        validate(doc);
        const id = newId();
        const t = this.now();
        this.reports.set(id, { id, status: "draft", version: 1, created_at: t, updated_at: t, doc, revisions: [] });
        this.sources.set(id, last.id);
        return this.view(this.get(id));
      }
      case "reference_report": {
        this.get(a.id);
        const src = this.sources.get(a.id as string);
        const r = src ? this.reports.get(src) : undefined;
        return r ? this.view(r) : null;
      }
      case "export_report": {
        this.get(a.id);
        if (this.exportPath === null) return null;
        const path = `${this.exportPath}.${String(a.format)}`;
        this.exported.push({ path, format: String(a.format), profile: String(a.profile), withComments: a.withComments === true });
        return { path, bytes: 24576 } satisfies Exported;
      }
      case "reveal_export":
        if (!this.exported.some((e) => e.path === a.path)) throw new Refusal("bad_path", "只能打开本次导出文件所在的文件夹");
        this.revealed.push(a.path as string);
        return null;
      case "preview_pdf":
        return fakePreview(this.get(a.id).doc, a.profile as Profile);
      default:
        throw new Refusal("unknown_command", `未知的命令：${cmd}`);
    }
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
        if (FILE_COMMANDS.has(cmd)) return this.fileCommand(cmd, a);
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

// ---- files: 导入 / 下一年度报告 / 导出 / 打印预览 (pick_import, confirm_import,
// next_year_report, reference_report, export_report, reveal_export, preview_pdf).
// The "native dialogs" answer from `importFile` and `exportPath` (null = cancelled).

const FILE_COMMANDS = new Set(["pick_import", "confirm_import", "next_year_report", "reference_report", "export_report", "reveal_export", "preview_pdf"]);

/** The sample as the importer would recognise it: four parts, part one with 8 sections. */
export function sampleImport(): { fileName: string; result: ImportResult } {
  const [doc] = instantiate("statutory", "梅河口市人民政府", 2019, false);
  doc.preface = [para("2019年，在市委、市政府的坚强领导下，我市深入贯彻落实法治政府建设实施纲要。现将有关情况报告如下：")];
  const headings = ["依法全面履行政府职能", "完善依法行政制度体系", "推进行政决策科学化、民主化、法治化", "坚持严格规范公正文明执法",
    "强化对行政权力的制约和监督", "依法有效化解社会矛盾纠纷", "全面提高政府工作人员法治思维和依法行政能力", "完善法治政府建设组织保障和落实机制"];
  doc.parts[0].sections = headings.map((t) => ({ ...section(t), paragraphs: [para(`${t}方面的工作扎实推进。`)] }));
  doc.parts[0].paragraphs = [];
  doc.parts[1].paragraphs = [para("法治政府建设还存在一些薄弱环节。")];
  doc.parts[2].paragraphs = [para("市政府主要负责人认真履行推进法治建设第一责任人职责。")];
  doc.parts[3].sections = headings.map((t) => ({ ...section(`继续${t}`), paragraphs: [para("下一步将持续推进。")] }));
  doc.parts[3].paragraphs = [];
  doc.date = "2020-03-13";
  const uncertainNode = doc.parts[0].sections[7].id;
  return {
    fileName: "梅河口市2019年法治政府建设报告.txt",
    result: {
      document: doc,
      format: "text",
      encoding: "GB18030",
      issuer: "梅河口市",
      issuer_source: "inferred",
      year: 2019,
      year_source: "inferred",
      recognised: [
        { kind: "title", text: "梅河口市2019年法治政府建设情况报告", node_id: null, level: null, role: null },
        { kind: "date", text: "2020年3月13日", node_id: null, level: null, role: null },
      ],
      removed: [
        { text: "站群导航", reason: "网站导航" },
        { text: "AQI 75 轻度污染", reason: "网页小部件" },
        { text: "2020-03-13 14:57:00来源：梅河口市司法局", reason: "发布时间和来源" },
      ],
      uncertain: [{ node_id: uncertainNode, message: "这一小节的标题与模板各项都不完全对应，已放在第一部分", excerpt: headings[7] }],
      comments: [],
    },
  };
}

/** Pages of 22 lines of 28 characters, as a rough stand-in for the typesetter. */
export function fakePreview(doc: Document, profile: Profile): PdfPreview {
  const cell = 156 / 28;
  const row = 225 / 22;
  const lines: { kind: string; text: string; font: string; size: number }[] = [];
  lines.push({ kind: "title", text: documentTitle(doc), font: "title", size: 22 });
  if (profile === "filing" && doc.addressee) lines.push({ kind: "addressee", text: doc.addressee, font: "fang", size: 16 });
  const body = (t: string, kind = "body", font = "fang", indent = true) => {
    const chars = [...((indent ? "　　" : "") + t)];
    for (let i = 0; i < chars.length; i += 28) lines.push({ kind, text: chars.slice(i, i + 28).join(""), font, size: 16 });
  };
  for (const p of doc.preface) body(p.text);
  const secs = (ss: Section[], level: number) =>
    ss.forEach((s, i) => {
      body(numberPrefix(level, i) + s.heading, `heading${level}`, level === 2 ? "kai" : "fang");
      for (const p of s.paragraphs) body(p.text);
      secs(s.sections, level + 1);
    });
  doc.parts.forEach((part, i) => {
    body(numberPrefix(1, i) + part.heading, "heading1", "hei");
    for (const p of part.paragraphs) body(p.text);
    secs(part.sections, 2);
  });
  const pages: PreviewPage[] = [];
  for (let i = 0; i < lines.length; i += 22) {
    const n = pages.length + 1;
    const page: PreviewLine[] = lines.slice(i, i + 22).map((l, r) => ({
      kind: l.kind, text: l.text, font: l.font, sizePt: l.size,
      xMm: 28, yMm: 37 + (r + 0.5) * row + 2, xs: [...l.text].map((_, k) => Math.round(k * cell * 100)),
    }));
    const num = `— ${n} —`;
    page.push({ kind: "page_number", text: num, font: "song", sizePt: 14, xMm: n % 2 ? 150 : 33, yMm: 272, xs: [...num].map((_, k) => k * 400) });
    pages.push({ number: n, lines: page, rules: [] });
  }
  // 版记 (filing only): 抄送 and 印发 on the last page's bottom rows, between rules;
  // on a page of its own when the text reaches those rows.
  if (profile === "filing" && pages.length > 0 && (doc.copy_to || doc.printed_by)) {
    let last = pages[pages.length - 1]!;
    if (last.lines.length - 1 > 20) {
      last = { number: pages.length + 1, lines: [], rules: [] };
      pages.push(last);
    }
    const page = last;
    const imprint = (r: number, text: string) =>
      page.lines.push({ kind: "imprint", text, font: "fang", sizePt: 14, xMm: 28 + cell, yMm: 37 + (r + 0.5) * row + 2,
        xs: [...text].map((_, k) => Math.round(k * 4.94 * 100)) });
    const rule = (yMm: number, widthMm: number) => page.rules.push({ x0Mm: 28, x1Mm: 184, yMm, widthMm });
    const printed = doc.printed_on?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
    const date = printed ? `${printed[1]}年${Number(printed[2])}月${Number(printed[3])}日` : "";
    rule(37 + 20 * row, 0.35);
    if (doc.copy_to) imprint(20, `抄送：${doc.copy_to}`);
    if (doc.copy_to && doc.printed_by) rule(37 + 21 * row, 0.25);
    if (doc.printed_by) imprint(21, `${doc.printed_by}　　${date}印发`);
    rule(37 + 225 - 0.175, 0.35);
  }
  return { pageWidthMm: 210, pageHeightMm: 297, pages, notice: null };
}

// ---- review (comments, workflow, audit log, deadlines, packages) -------------------
// The same rules as fazhi-core's review module, in memory: anchors in Unicode
// scalar values re-found by quote and context on every save (orphaned, never
// deleted, when the text is gone), the workflow with roles, reasons and the
// lock, and an audit entry per action. `checkErrors` stands in for the checks.
import type { Anchor } from "./bindings/Anchor";
import type { AnchorUpdate } from "./bindings/AnchorUpdate";
import type { AuditEntry } from "./bindings/AuditEntry";
import type { Comment } from "./bindings/Comment";
import type { CommentCounts } from "./bindings/CommentCounts";
import type { CommentFilter } from "./bindings/CommentFilter";
import type { CommentTarget } from "./bindings/CommentTarget";
import type { Deadline } from "./bindings/Deadline";
import type { ExternalComment } from "./bindings/ExternalComment";
import type { ExternalImport } from "./bindings/ExternalImport";
import type { Identity } from "./bindings/Identity";
import type { MergeOutcome } from "./bindings/MergeOutcome";
import type { PackageInfo } from "./bindings/PackageInfo";
import type { PackageOpened } from "./bindings/PackageOpened";
import type { ReviewRole } from "./bindings/ReviewRole";
import type { TransitionOutcome } from "./bindings/TransitionOutcome";
import type { TransitionRequest } from "./bindings/TransitionRequest";
import type { WorkflowInfo } from "./bindings/WorkflowInfo";

export const REVIEW_COMMANDS = new Set([
  "get_identity",
  "set_identity",
  "list_comments",
  "comment_counts",
  "add_comment",
  "reply_comment",
  "edit_comment",
  "delete_comment",
  "resolve_comment",
  "reopen_comment",
  "workflow_info",
  "transition_report",
  "audit_log",
  "list_deadlines",
  "export_review_package",
  "open_review_package",
  "open_launch_package",
  "merge_review_package",
  "import_docx_comments",
]);

const ROLE_NAME: Record<ReviewRole, string> = { drafter: "起草人", reviewer: "审核人", approver: "签发人" };
const CONTEXT = 24;
const LOCKED: Status[] = ["final", "filed", "published"];

type TextNode = { id: string; text: string; part: string | null };

export function textNodes(doc: Document): TextNode[] {
  const out: TextNode[] = [];
  const sec = (s: Section, part: string) => {
    out.push({ id: s.id, text: s.heading, part });
    for (const p of s.paragraphs) out.push({ id: p.id, text: p.text, part });
    for (const c of s.sections) sec(c, part);
  };
  for (const p of doc.preface) out.push({ id: p.id, text: p.text, part: null });
  for (const part of doc.parts) {
    out.push({ id: part.id, text: part.heading, part: part.id });
    for (const p of part.paragraphs) out.push({ id: p.id, text: p.text, part: part.id });
    for (const s of part.sections) sec(s, part.id);
  }
  for (const p of doc.closing) out.push({ id: p.id, text: p.text, part: null });
  return out;
}

function buildAnchor(nodeId: string, chars: string[], s: number, e: number): Anchor {
  return {
    node_id: nodeId,
    start: s,
    end: e,
    quote: chars.slice(s, e).join(""),
    prefix: chars.slice(Math.max(0, s - CONTEXT), s).join(""),
    suffix: chars.slice(e, e + CONTEXT).join(""),
  };
}

export function makeAnchor(nodeId: string, text: string, start: number, end: number): Anchor | null {
  const chars = Array.from(text);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start >= end || end > chars.length) return null;
  return buildAnchor(nodeId, chars, start, end);
}

function occurrences(chars: string[], q: string[]): number[] {
  const out: number[] = [];
  if (q.length === 0) return out;
  for (let i = 0; i + q.length <= chars.length; i++) {
    let ok = true;
    for (let k = 0; k < q.length && ok; k++) ok = chars[i + k] === q[k];
    if (ok) out.push(i);
  }
  return out;
}

function contextScore(chars: string[], at: number, len: number, prefix: string[], suffix: string[]): number {
  let b = 0;
  while (b < prefix.length && at - 1 - b >= 0 && prefix[prefix.length - 1 - b] === chars[at - 1 - b]) b++;
  let a = 0;
  while (a < suffix.length && at + len + a < chars.length && suffix[a] === chars[at + len + a]) a++;
  return a + b;
}

/** Where `old` sits in `nodes` now; null when its text is gone (see anchor.rs). */
export function reanchor(nodes: TextNode[], old: Anchor): Anchor | null {
  const q = Array.from(old.quote);
  if (q.length === 0) return null;
  const prefix = Array.from(old.prefix);
  const suffix = Array.from(old.suffix);
  const same = nodes.find((n) => n.id === old.node_id);
  if (same) {
    const chars = Array.from(same.text);
    if (old.end <= chars.length && old.start < old.end && chars.slice(old.start, old.end).join("") === old.quote)
      return buildAnchor(same.id, chars, old.start, old.end);
    let best: number | null = null;
    let bestScore = -1;
    for (const at of occurrences(chars, q)) {
      const sc = contextScore(chars, at, q.length, prefix, suffix);
      if (sc > bestScore || (sc === bestScore && best !== null && Math.abs(at - old.start) < Math.abs(best - old.start))) {
        best = at;
        bestScore = sc;
      }
    }
    if (best !== null) return buildAnchor(same.id, chars, best, best + q.length);
  }
  const cands: { score: number; id: string; chars: string[]; at: number }[] = [];
  for (const n of nodes) {
    const chars = Array.from(n.text);
    for (const at of occurrences(chars, q)) cands.push({ score: contextScore(chars, at, q.length, prefix, suffix), id: n.id, chars, at });
  }
  if (cands.length === 0) return null;
  const top = Math.max(...cands.map((c) => c.score));
  if (cands.length > 1 && top === 0) return null;
  const c = cands.find((x) => x.score === top)!;
  return buildAnchor(c.id, c.chars, c.at, c.at + q.length);
}

type StoredComment = Omit<Comment, "replies" | "mine" | "part_id">;

interface FakePackage {
  report: Stored;
  comments: StoredComment[];
  exported_by: string;
  exported_at: string;
}

export class FakeReview {
  identity: { name: string; role: ReviewRole | null } = { name: "", role: null };
  /** 错误 findings the checks would report (定稿 needs 0 or an override). */
  checkErrors = 0;
  comments = new Map<string, StoredComment[]>();
  audit = new Map<string, AuditEntry[]>();
  filing = new Map<string, { filed_on: string | null; filed_to: string | null; published_on: string | null; published_at: string | null }>();
  /** Report ids opened from a package (text read-only). */
  copies = new Set<string>();
  /** Packages "on disk", by path. */
  packages = new Map<string, FakePackage>();
  /** What the 导出审阅包 save dialog answers (null: cancelled). */
  packageExportPath: string | null = "/home/用户/文档/审阅包.fzbg";
  /** What the open dialogs (打开审阅包 / 导入审阅意见) pick (null: cancelled). */
  packagePickPath: string | null = "/home/用户/文档/审阅包.fzbg";
  /** The package the app was started with (a double-click in the file manager), if any. */
  launchPackagePath: string | null = null;
  /** Comments the 导入批注 dialog's DOCX holds (null: cancelled). */
  docxComments: ExternalComment[] | null = [];
  private seq = 0;

  private now(): string {
    return new Date(Date.parse("2026-01-01T00:00:00Z") + ++this.seq * 1000).toISOString();
  }

  private who(): Identity {
    if (this.identity.name.trim() === "")
      throw new Refusal(
        "no_identity",
        "请先设置您的姓名和角色（设置 → 身份；命令行：fazhi whoami --name 姓名 --role drafter|reviewer|approver）",
      );
    return this.publicIdentity();
  }

  private publicIdentity(): Identity {
    const r = this.identity.role;
    return { name: this.identity.name, role: r, role_label: r ? ROLE_NAME[r] : null };
  }

  private log(reportId: string, action: string, label: string, extra: Partial<AuditEntry> = {}): AuditEntry {
    const list = this.audit.get(reportId) ?? [];
    const e: AuditEntry = {
      seq: list.length + 1,
      report_id: reportId,
      at: this.now(),
      who: this.identity.name,
      role: this.identity.role,
      action,
      action_label: label,
      from_status: null,
      to_status: null,
      reason: null,
      detail: null,
      ...extra,
    };
    list.push(e);
    this.audit.set(reportId, list);
    return e;
  }

  private list(reportId: string): StoredComment[] {
    const l = this.comments.get(reportId) ?? [];
    this.comments.set(reportId, l);
    return l;
  }

  private find(commentId: unknown): StoredComment {
    for (const l of this.comments.values()) {
      const c = l.find((x) => x.id === commentId);
      if (c) return c;
    }
    throw new Refusal("comment_not_found", `找不到批注：${String(commentId)}`);
  }

  private text(t: unknown): string {
    const s = typeof t === "string" ? t.trim() : "";
    if (s === "") throw new Refusal("empty_comment", "批注内容不能为空");
    if (Array.from(s).length > 5000) throw new Refusal("too_long", `批注过长（${Array.from(s).length}字，上限5000字）`);
    return s;
  }

  private newComment(reportId: string, parent: string | null, text: string, anchor: Anchor | null, orphaned = false): StoredComment {
    return {
      id: newId(),
      report_id: reportId,
      parent_id: parent,
      author: this.identity.name,
      role: this.identity.role,
      created_at: this.now(),
      edited_at: null,
      text,
      resolved: false,
      resolved_by: null,
      resolved_at: null,
      anchor,
      orphaned,
    };
  }

  /** Every call before the backend's own handling: refuses content writes to review copies. */
  beforeWrite(cmd: string, a: Record<string, unknown>, fake?: FakeBackend): void {
    const r = fake?.reports.get(a.id as string);
    if ((cmd === "restore_revision" || (cmd === "delete_report" && !this.copies.has(a.id as string))) && r && LOCKED.includes(r.status))
      throw new Refusal("locked", `报告处于“${STATUS_LABEL[r.status]}”状态，内容已锁定；如需修改，请由签发人撤销定稿`);
    if ((cmd === "save_report" || cmd === "save_report_with_anchors" || cmd === "restore_revision") && this.copies.has(a.id as string))
      throw new Refusal("review_copy", "这是审阅副本，正文只读；请添加批注后导出审阅包交回起草人");
  }

  /** After a successful save/restore: re-anchor (same transaction in the core), keep a revision in 审阅中. */
  afterWrite(fake: FakeBackend, cmd: string, a: Record<string, unknown>): void {
    const r = fake.reports.get(a.id as string);
    if (cmd === "delete_report") {
      this.comments.delete(a.id as string);
      this.audit.delete(a.id as string);
      return;
    }
    if (!r || (cmd !== "save_report" && cmd !== "save_report_with_anchors" && cmd !== "restore_revision")) return;
    this.reanchorAll(r, (a.anchors as AnchorUpdate[] | undefined) ?? []);
    if (cmd !== "restore_revision" && r.status === "review") {
      const last = r.revisions[r.revisions.length - 1];
      if (!last || JSON.stringify(last.doc) !== JSON.stringify(r.doc)) {
        r.revisions.push({
          info: {
            report_id: r.id,
            revision: r.revisions.length + 1,
            message: "审阅中保存",
            author: this.identity.name || null,
            created_at: this.now(),
            chars: 0,
          },
          doc: structuredClone(r.doc),
        });
      }
    }
  }

  private reanchorAll(r: Stored, updates: AnchorUpdate[]): void {
    const nodes = textNodes(r.doc);
    for (const c of this.list(r.id)) {
      if (c.parent_id !== null || !c.anchor) continue;
      const u = updates.find((x) => x.comment_id === c.id);
      if (u) {
        if (u.node_id === null) {
          c.orphaned = true;
          continue;
        }
        const n = nodes.find((x) => x.id === u.node_id);
        const a = n ? makeAnchor(n.id, n.text, u.start, u.end) : null;
        if (a) {
          c.anchor = a;
          c.orphaned = false;
          continue;
        }
      }
      if (c.orphaned) continue;
      const a = reanchor(nodes, c.anchor);
      if (a) c.anchor = a;
      else c.orphaned = true;
    }
  }

  private threads(fake: FakeBackend, reportId: string, filter: CommentFilter | null): Comment[] {
    const r = fake.reports.get(reportId);
    if (!r) throw new Refusal("not_found", `找不到报告：${reportId}`);
    const nodes = textNodes(r.doc);
    const order = new Map(nodes.map((n, i) => [n.id, i]));
    const all = this.list(reportId);
    const me = this.identity.name;
    const pub = (c: StoredComment): Comment => ({
      ...structuredClone(c),
      mine: me !== "" && c.author === me,
      part_id: c.parent_id === null && !c.orphaned && c.anchor ? (nodes.find((n) => n.id === c.anchor!.node_id)?.part ?? null) : null,
      replies: [],
    });
    let roots = all.filter((c) => c.parent_id === null).map(pub);
    for (const t of roots) t.replies = all.filter((c) => c.parent_id === t.id).map(pub);
    const f = filter ?? { state: "all", mine: false, part_id: null };
    if (f.state === "open") roots = roots.filter((t) => !t.resolved);
    if (f.state === "resolved") roots = roots.filter((t) => t.resolved);
    if (f.mine) roots = roots.filter((t) => t.mine);
    if (f.part_id) roots = roots.filter((t) => t.part_id === f.part_id);
    const key = (t: Comment): [number, number, number] =>
      t.anchor && !t.orphaned ? [0, order.get(t.anchor.node_id) ?? 1e9, t.anchor.start] : [1, 0, 0];
    return roots.sort((x, y) => {
      const a = key(x);
      const b = key(y);
      return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (x.created_at < y.created_at ? -1 : 1);
    });
  }

  private allowed(status: Status): [Status, string, boolean, ReviewRole | null][] {
    switch (status) {
      case "draft":
        return [["review", "送审", false, null]];
      case "review":
        return [
          ["draft", "退回修改", true, null],
          ["final", "定稿", false, "approver"],
        ];
      case "final":
        return [
          ["draft", "撤销定稿", true, "approver"],
          ["filed", "报送", false, null],
        ];
      case "filed":
        return [
          ["draft", "撤销定稿", true, "approver"],
          ["published", "公开", false, null],
        ];
      case "published":
        return [["draft", "撤销定稿", true, "approver"]];
    }
  }

  dispatch(fake: FakeBackend, cmd: string, a: Record<string, unknown>): unknown {
    const report = (id: unknown): Stored => {
      const r = typeof id === "string" ? fake.reports.get(id) : undefined;
      if (!r) throw new Refusal("not_found", `找不到报告：${String(id)}`);
      return r;
    };
    switch (cmd) {
      case "get_identity":
        return this.publicIdentity();
      case "set_identity": {
        const name = typeof a.name === "string" ? a.name.trim() : "";
        if (name === "" || Array.from(name).length > 40) throw new Refusal("bad_name", "姓名不能为空，且不超过40字、不含控制字符");
        if (!(a.role as string in ROLE_NAME)) throw new Refusal("bad_role", `未知的角色“${String(a.role)}”`);
        this.identity = { name, role: a.role as ReviewRole };
        return this.publicIdentity();
      }
      case "list_comments":
        return this.threads(fake, a.id as string, (a.filter as CommentFilter | null) ?? null);
      case "comment_counts": {
        const r = report(a.id);
        const t = this.threads(fake, r.id, null);
        const out: CommentCounts = {
          open: t.filter((x) => !x.resolved).length,
          resolved: t.filter((x) => x.resolved).length,
          orphaned: t.filter((x) => x.orphaned).length,
          by_part: [],
        };
        for (const p of r.doc.parts) {
          const mine = t.filter((x) => x.part_id === p.id);
          if (mine.length > 0)
            out.by_part.push({ part_id: p.id, open: mine.filter((x) => !x.resolved).length, resolved: mine.filter((x) => x.resolved).length });
        }
        return out;
      }
      case "add_comment": {
        this.who();
        const r = report(a.id);
        const text = this.text(a.text);
        const target = a.target as CommentTarget;
        const nodes = textNodes(r.doc);
        let anchor: Anchor | null = null;
        if (target.kind === "range") {
          const n = nodes.find((x) => x.id === target.node_id);
          if (!n) throw new Refusal("bad_anchor", `报告中找不到批注的位置：没有编号为“${target.node_id}”的段落或标题`);
          anchor = makeAnchor(n.id, n.text, target.start, target.end);
          if (!anchor)
            throw new Refusal("bad_anchor", `报告中找不到批注的位置：范围${target.start}—${target.end}超出该段文字（${Array.from(n.text).length}字）或为空`);
        } else {
          const want = Math.max(1, target.occurrence ?? 1);
          const q = Array.from(target.quote);
          let k = 0;
          for (const n of nodes) {
            const chars = Array.from(n.text);
            for (const at of occurrences(chars, q)) if (++k === want && !anchor) anchor = buildAnchor(n.id, chars, at, at + q.length);
          }
          if (!anchor) throw new Refusal("quote_not_found", `报告中找不到“${target.quote}”`);
        }
        const c = this.newComment(r.id, null, text, anchor);
        this.list(r.id).push(c);
        this.log(r.id, "comment_add", "添加批注", { detail: `${c.id}：“${anchor.quote}”` });
        return this.threads(fake, r.id, null).find((t) => t.id === c.id);
      }
      case "reply_comment": {
        this.who();
        const r = report(a.id);
        const text = this.text(a.text);
        const parent = this.find(a.parentId);
        if (parent.report_id !== r.id) throw new Refusal("comment_not_found", `找不到批注：${String(a.parentId)}`);
        const c = this.newComment(r.id, parent.parent_id ?? parent.id, text, null);
        this.list(r.id).push(c);
        this.log(r.id, "comment_reply", "回复批注", { detail: `${c.id} → ${c.parent_id}` });
        return { ...structuredClone(c), mine: true, part_id: null, replies: [] } satisfies Comment;
      }
      case "edit_comment": {
        this.who();
        const c = this.find(a.commentId);
        if (c.author !== this.identity.name) throw new Refusal("not_your_comment", `只能修改或删除自己的批注（此条由${c.author}添加）`);
        c.text = this.text(a.text);
        c.edited_at = this.now();
        this.log(c.report_id, "comment_edit", "修改批注", { detail: c.id });
        return { ...structuredClone(c), mine: true, part_id: null, replies: [] } satisfies Comment;
      }
      case "delete_comment": {
        this.who();
        const c = this.find(a.commentId);
        if (c.author !== this.identity.name) throw new Refusal("not_your_comment", `只能修改或删除自己的批注（此条由${c.author}添加）`);
        const l = this.list(c.report_id);
        if (l.some((x) => x.parent_id === c.id && x.author !== c.author))
          throw new Refusal("has_replies", "此批注已有他人回复，不能删除；可将其标记为已解决");
        this.comments.set(c.report_id, l.filter((x) => x.id !== c.id && x.parent_id !== c.id));
        this.log(c.report_id, "comment_delete", "删除批注", { detail: c.id });
        return null;
      }
      case "resolve_comment":
      case "reopen_comment": {
        this.who();
        const c = this.find(a.commentId);
        if (c.parent_id !== null) throw new Refusal("not_a_thread", "只能对批注本身标记解决或重新打开，不能对回复操作");
        const resolve = cmd === "resolve_comment";
        if (c.resolved !== resolve) {
          c.resolved = resolve;
          c.resolved_by = resolve ? this.identity.name : null;
          c.resolved_at = resolve ? this.now() : null;
          this.log(c.report_id, cmd === "resolve_comment" ? "comment_resolve" : "comment_reopen", resolve ? "解决批注" : "重新打开批注", { detail: c.id });
        }
        return this.threads(fake, c.report_id, null).find((t) => t.id === c.id);
      }
      case "workflow_info": {
        const r = report(a.id);
        const copy = this.copies.has(r.id);
        const f = this.filing.get(r.id) ?? { filed_on: null, filed_to: null, published_on: null, published_at: null };
        const me = this.identity;
        return {
          report_id: r.id,
          status: r.status,
          status_label: STATUS_LABEL[r.status],
          locked: LOCKED.includes(r.status) || copy,
          review_copy: copy,
          open_comments: this.list(r.id).filter((c) => c.parent_id === null && !c.resolved).length,
          ...f,
          allowed: copy
            ? []
            : this.allowed(r.status).map(([to, label, needs_reason, role]) => ({
                to,
                label,
                needs_reason,
                role,
                permitted: me.name !== "" && (role === null || me.role === role),
              })),
        } satisfies WorkflowInfo;
      }
      case "transition_report": {
        this.who();
        const r = report(a.id);
        if (this.copies.has(r.id)) throw new Refusal("review_copy", "这是审阅副本，正文只读；请添加批注后导出审阅包交回起草人");
        const req = a.request as TransitionRequest;
        const step = this.allowed(r.status).find(([to]) => to === req.to);
        if (!step) throw new Refusal("bad_transition", `无法从“${STATUS_LABEL[r.status]}”变为“${STATUS_LABEL[req.to]}”`);
        const [to, label, needsReason, role] = step;
        if (role && this.identity.role !== role)
          throw new Refusal("forbidden", `“${label}”只能由${ROLE_NAME[role]}执行（当前身份：${this.identity.name}）`);
        const reason = (req.reason ?? "").trim() || null;
        if (needsReason && !reason) throw new Refusal("need_reason", `“${label}”须填写理由`);
        let action = { 送审: "submit", 退回修改: "return", 定稿: "finalize", 报送: "file", 公开: "publish", 撤销定稿: "unfinalize" }[label] ?? label;
        let detail: string | null = null;
        const f = this.filing.get(r.id) ?? { filed_on: null, filed_to: null, published_on: null, published_at: null };
        if (to === "final") {
          const open = this.list(r.id).filter((c) => c.parent_id === null && !c.resolved).length;
          if (this.checkErrors > 0 || open > 0) {
            if (!req.override_checks)
              throw new Refusal(
                "finalize_blocked",
                `定稿前须处理完：${this.checkErrors}项检查错误、${open}条未解决批注；如确需定稿，请选择“仍然定稿”并填写理由`,
              );
            if (!reason) throw new Refusal("need_reason", "“仍然定稿”须填写理由");
            action = "finalize_override";
            detail = `检查错误${this.checkErrors}项，未解决批注${open}条`;
          }
        }
        const isoDate = (d: string | null) => d !== null && /^\d{4}-\d{2}-\d{2}$/.test(d.trim());
        if (to === "filed") {
          if (!isoDate(req.date)) throw new Refusal("need_field", "报送须填写报送日期（YYYY-MM-DD）");
          if (!req.recipients?.trim()) throw new Refusal("need_field", "报送须填写报送对象");
          f.filed_on = req.date!.trim();
          f.filed_to = req.recipients.trim();
          detail = `${f.filed_on} 报送${f.filed_to}`;
        }
        if (to === "published") {
          if (!isoDate(req.date)) throw new Refusal("need_field", "公开须填写公开日期（YYYY-MM-DD）");
          if (!req.address?.trim()) throw new Refusal("need_field", "公开须填写公开地址（如政府网站网址）");
          f.published_on = req.date!.trim();
          f.published_at = req.address.trim();
          detail = `${f.published_on} 公开于${f.published_at}`;
        }
        this.filing.set(r.id, f);
        const from = r.status;
        r.status = to;
        const labels: Record<string, string> = { finalize_override: "定稿（未满足条件，经说明理由）" };
        const entry = this.log(r.id, action, labels[action] ?? label, { from_status: from, to_status: to, reason, detail });
        return { status: to, status_label: STATUS_LABEL[to], entry } satisfies TransitionOutcome;
      }
      case "audit_log":
        report(a.id);
        return this.audit.get(a.id as string) ?? [];
      case "list_deadlines": {
        const today = typeof a.today === "string" ? a.today : "2026-01-01";
        const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86400000;
        return [...fake.reports.values()].map((r): Deadline => {
          if (r.status === "published")
            return { report_id: r.id, kind: "done", due: null, days_left: null, state: "done", label: "已公开" };
          const filing = r.status !== "filed";
          const what = filing ? "报送" : "公开";
          const due = `${r.doc.year + 1}-${filing ? "03-01" : "04-01"}`;
          const n = Math.round(day(due) - day(today));
          const state = n < 0 ? "late" : n <= 14 ? "soon" : "ok";
          const label = n < 0 ? `${what}已逾期${-n}天` : n === 0 ? `今天是${what}截止日` : `距${what}截止还有${n}天`;
          return { report_id: r.id, kind: filing ? "filing" : "publication", due, days_left: n, state, label };
        });
      }
      case "export_review_package": {
        const who = this.who();
        const r = report(a.id);
        if (this.packageExportPath === null) return null;
        const comments = structuredClone(this.list(r.id));
        this.packages.set(this.packageExportPath, { report: structuredClone(r), comments, exported_by: who.name, exported_at: this.now() });
        this.log(r.id, "package_export", "导出审阅包", { detail: `第${r.version}版，批注${comments.length}条` });
        return this.packageInfo(this.packageExportPath);
      }
      case "open_launch_package": {
        if (this.launchPackagePath === null) return null;
        const picked = this.packagePickPath;
        this.packagePickPath = this.launchPackagePath;
        try {
          const out = this.dispatch(fake, "open_review_package", a);
          this.launchPackagePath = null;
          return out;
        } finally {
          this.packagePickPath = picked;
        }
      }
      case "open_review_package": {
        this.who();
        if (this.packagePickPath === null) return null;
        const p = this.readPackage(this.packagePickPath);
        const existing = fake.reports.get(p.report.id);
        if (existing && !this.copies.has(existing.id))
          throw new Refusal("package_is_original", `本资料库中已有这份报告（${documentTitle(p.report.doc)}）的原稿，请用“导入审阅意见”合并批注，而不是打开审阅副本`);
        const copy: Stored = { ...structuredClone(p.report), revisions: [] };
        fake.reports.set(copy.id, copy);
        this.copies.add(copy.id);
        const m = this.merge(copy, p);
        this.reanchorAll(copy, []);
        this.log(copy.id, "package_open", "打开审阅包", { detail: `第${p.report.version}版，由${p.exported_by}导出` });
        return {
          report: {
            id: copy.id,
            status: copy.status,
            status_label: STATUS_LABEL[copy.status],
            version: copy.version,
            created_at: copy.created_at,
            updated_at: copy.updated_at,
            title: documentTitle(copy.doc),
            ...structuredClone(copy.doc),
          },
          refreshed: existing !== undefined,
          comments_added: m.added_comments + m.added_replies,
          notices: [`这是“${documentTitle(copy.doc)}”的审阅副本（第${copy.version}版，${p.exported_by}导出）：正文只读，可添加批注和回复，完成后请导出审阅包交回。`],
        } satisfies PackageOpened;
      }
      case "merge_review_package": {
        this.who();
        if (this.packagePickPath === null) return null;
        const p = this.readPackage(this.packagePickPath);
        const r = fake.reports.get(p.report.id);
        if (!r)
          throw new Refusal(
            "package_other_report",
            `审阅包属于另一份报告（${documentTitle(p.report.doc)}），本资料库中没有这份报告；如需查看，请用“打开审阅包”`,
          );
        const out = this.merge(r, p);
        if (p.report.version < r.version)
          out.notices.push(`审阅包基于第${p.report.version}版，报告此后已修改（现为第${r.version}版）：批注已按原文和上下文重新定位`);
        if (out.orphaned > 0) out.notices.push(`${out.orphaned}条批注在现有正文中找不到原文，已标为“原文已删除”`);
        if (out.added_comments + out.added_replies === 0) out.notices.push("没有新的批注或回复（此审阅包已导入过）");
        else this.log(r.id, "package_merge", "导入审阅意见", { detail: `新增批注${out.added_comments}条、回复${out.added_replies}条` });
        return out;
      }
      case "import_docx_comments": {
        this.who();
        const r = report(a.id);
        if (this.docxComments === null) return null;
        const out: ExternalImport = { added: 0, duplicates: 0, orphaned: 0 };
        const ids: (string | null)[] = [];
        const nodes = textNodes(r.doc);
        for (const ec of this.docxComments) {
          const l = this.list(r.id);
          const parent = ec.reply_to !== null ? (ids[ec.reply_to] ?? null) : null;
          const author = ec.author.trim() || "Word批注";
          const dup = l.find(
            (c) => c.author === author && c.text === ec.text.trim() && (parent ? c.parent_id === parent : c.parent_id === null && c.anchor?.quote === ec.anchor_text),
          );
          if (dup) {
            out.duplicates++;
            ids.push(dup.id);
            continue;
          }
          let anchor: Anchor | null = null;
          if (!parent && ec.anchor_text !== "")
            anchor = reanchor(nodes, { node_id: ec.node_id ?? "", start: 0, end: 0, quote: ec.anchor_text, prefix: "", suffix: "" });
          const orphaned = !parent && !anchor;
          const c = this.newComment(r.id, parent, ec.text.trim(), parent ? null : (anchor ?? { node_id: ec.node_id ?? "", start: 0, end: 0, quote: ec.anchor_text, prefix: "", suffix: "" }), orphaned);
          c.author = author;
          c.role = null;
          if (ec.date) c.created_at = ec.date;
          l.push(c);
          out.added++;
          if (orphaned) out.orphaned++;
          ids.push(c.id);
        }
        if (out.added > 0) this.log(r.id, "comments_import", "导入Word批注", { detail: `新增${out.added}条，重复${out.duplicates}条` });
        return out;
      }
      default:
        throw new Refusal("unknown_command", `未知的命令：${cmd}`);
    }
  }

  private readPackage(path: string): FakePackage {
    const p = this.packages.get(path);
    if (!p) throw new Refusal("not_a_package", `文件“${path}”不是法治报告审阅包，或已损坏`);
    return structuredClone(p);
  }

  private packageInfo(path: string): PackageInfo {
    const p = this.readPackage(path);
    return {
      format_version: 1,
      report_id: p.report.id,
      title: documentTitle(p.report.doc),
      year: p.report.doc.year,
      report_version: p.report.version,
      status: p.report.status,
      exported_at: p.exported_at,
      exported_by: p.exported_by,
      comments: p.comments.length,
    };
  }

  private merge(r: Stored, p: FakePackage): MergeOutcome {
    const l = this.list(r.id);
    const nodes = textNodes(r.doc);
    const out: MergeOutcome = {
      report_id: r.id,
      title: documentTitle(r.doc),
      added_comments: 0,
      added_replies: 0,
      already_present: 0,
      orphaned: 0,
      skipped: 0,
      package_version: p.report.version,
      report_version: r.version,
      notices: [],
    };
    const roots = p.comments.filter((c) => c.parent_id === null);
    const replies = p.comments.filter((c) => c.parent_id !== null);
    for (const c of [...roots, ...replies]) {
      if (l.some((x) => x.id === c.id)) {
        out.already_present++;
        continue;
      }
      if (c.parent_id !== null && !l.some((x) => x.id === c.parent_id)) {
        out.skipped++;
        continue;
      }
      const copy = structuredClone(c);
      copy.report_id = r.id;
      if (copy.parent_id === null && copy.anchor && !copy.orphaned) {
        const a = reanchor(nodes, copy.anchor);
        if (a) copy.anchor = a;
        else copy.orphaned = true;
      }
      l.push(copy);
      if (copy.parent_id === null) {
        out.added_comments++;
        if (copy.orphaned) out.orphaned++;
      } else out.added_replies++;
    }
    return out;
  }
}
