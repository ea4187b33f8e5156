// Pure helpers over the core model, mirroring fazhi-core so the UI shows what
// the backend would derive (numbering, title, year changes, counts).
import type { Document } from "./bindings/Document";
import type { Paragraph } from "./bindings/Paragraph";
import type { Section } from "./bindings/Section";

export const MAX_LEVEL = 4;

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

export function chineseNumeral(n: number): string {
  if (n >= 0 && n <= 9) return DIGITS[n];
  if (n === 10) return "十";
  if (n > 10 && n < 20) return "十" + DIGITS[n - 10];
  if (n >= 20 && n <= 99) return DIGITS[Math.floor(n / 10)] + "十" + (n % 10 === 0 ? "" : DIGITS[n % 10]);
  return String(n);
}

/** Heading number for `level` (1 = part 一、, 2 = （一）, 3 = 1., 4 = （1）), `index` 0-based. */
export function numberPrefix(level: number, index: number): string {
  const n = index + 1;
  switch (level) {
    case 1:
      return chineseNumeral(n) + "、";
    case 2:
      return "（" + chineseNumeral(n) + "）";
    case 3:
      return n + ".";
    default:
      return "（" + n + "）";
  }
}

export function derivedTitle(issuer: string, year: number): string {
  return `${issuer.trim()}关于${year}年法治政府建设情况的报告`;
}

export function documentTitle(doc: Pick<Document, "issuer" | "year" | "title_override">): string {
  const t = doc.title_override;
  return t && t.trim() !== "" ? t : derivedTitle(doc.issuer, doc.year);
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/**
 * Replaces `oldYear` by `newYear` and `oldYear+1` by `newYear+1` where they stand
 * as whole four-digit numbers, in one pass (same rule as template::change_year).
 */
export function shiftYears(s: string, oldYear: number, newYear: number): string {
  const chars = Array.from(s);
  let out = "";
  let i = 0;
  while (i < chars.length) {
    const isStart =
      i + 4 <= chars.length &&
      chars.slice(i, i + 4).every((c) => isDigit(c)) &&
      (i === 0 || !isDigit(chars[i - 1])) &&
      (i + 4 === chars.length || !isDigit(chars[i + 4]));
    if (isStart) {
      const y = Number(chars.slice(i, i + 4).join(""));
      out += String(y === oldYear ? newYear : y === oldYear + 1 ? newYear + 1 : y);
      i += 4;
    } else {
      out += chars[i];
      i += 1;
    }
  }
  return out;
}

/** Moves a document to another report year (headings and title override follow). */
export function changeYear(doc: Document, newYear: number): Document {
  const old = doc.year;
  if (old === newYear) return doc;
  return {
    ...doc,
    year: newYear,
    title_override: doc.title_override === null ? null : shiftYears(doc.title_override, old, newYear),
    parts: doc.parts.map((p) => ({ ...p, heading: shiftYears(p.heading, old, newYear) })),
  };
}

/** Characters that count for the reader: everything but whitespace. */
export function countChars(s: string): number {
  let n = 0;
  for (const c of s) if (!/\s/.test(c)) n++;
  return n;
}

export function sectionChars(s: Section): number {
  return (
    countChars(s.heading) +
    s.paragraphs.reduce((a, p) => a + countChars(p.text), 0) +
    s.sections.reduce((a, c) => a + sectionChars(c), 0)
  );
}

export function paragraphsChars(ps: Paragraph[]): number {
  return ps.reduce((a, p) => a + countChars(p.text), 0);
}

/** A new node id in the backend's format: 12 lowercase hex digits. */
export function newId(): string {
  const b = new Uint8Array(6);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/** 2020-03-13 → 2020年3月13日 (no leading zeros), or null when not a valid date. */
export function isoToOfficial(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}年${mo}月${d}日`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A backend timestamp (UTC, RFC 3339) in local time: 2026-11-27 20:05. */
export function localDateTime(ts: string): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function clockTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
