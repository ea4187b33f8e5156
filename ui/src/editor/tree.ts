// A plain tree of a part's content, used by the structural commands: they take a
// part apart, rearrange it here (pure, unit-tested) and put it back as one step.
import type { Role } from "../bindings/Role";
import type { Table } from "../bindings/Table";
import { MAX_LEVEL } from "../model";

/** A paragraph; `id` is null for a placeholder the user has not typed in yet. A table block carries its `table`. */
export interface TPara {
  id: string | null;
  text: string;
  table?: Table;
}
export interface TSection {
  id: string;
  heading: string;
  paragraphs: TPara[];
  sections: TSection[];
}
export interface TPart {
  id: string;
  role: Role;
  heading: string;
  paragraphs: TPara[];
  sections: TSection[];
}
type Container = TPart | TSection;

export interface Located {
  section: TSection;
  /** The list holding it (its parent's `sections`). */
  siblings: TSection[];
  index: number;
  /** 2 for （一）, 3 for 1., 4 for （1）. */
  level: number;
  /** Containers from the part down to the parent, outermost first. */
  ancestors: Container[];
}

export function locate(part: TPart, id: string): Located | null {
  const walk = (c: Container, level: number, ancestors: Container[]): Located | null => {
    for (let i = 0; i < c.sections.length; i++) {
      const s = c.sections[i];
      if (s.id === id) return { section: s, siblings: c.sections, index: i, level, ancestors: [...ancestors, c] };
      const inner = walk(s, level + 1, [...ancestors, c]);
      if (inner) return inner;
    }
    return null;
  };
  return walk(part, 2, []);
}

/** Levels a section occupies below itself, itself included (a leaf is 1). */
export function height(s: TSection): number {
  return 1 + s.sections.reduce((m, c) => Math.max(m, height(c)), 0);
}

/** Why a structural command cannot run, in Chinese, for the status line. */
export class Refused extends Error {}

export function addSectionAfter(part: TPart, id: string | null, make: () => TSection): TSection {
  const s = make();
  if (id === null) {
    part.sections.unshift(s);
    return s;
  }
  const at = locate(part, id);
  if (!at) throw new Refused("找不到当前小节");
  at.siblings.splice(at.index + 1, 0, s);
  return s;
}

/** Removes a section with all its content; returns it and the node the caret should go to. */
export function deleteSection(part: TPart, id: string): { removed: TSection; parent: Container; before: TSection | null } {
  const at = locate(part, id);
  if (!at) throw new Refused("找不到当前小节");
  at.siblings.splice(at.index, 1);
  return { removed: at.section, parent: at.ancestors[at.ancestors.length - 1], before: at.index > 0 ? at.siblings[at.index - 1] : null };
}

export function moveSection(part: TPart, id: string, dir: -1 | 1): void {
  const at = locate(part, id);
  if (!at) throw new Refused("找不到当前小节");
  const j = at.index + dir;
  if (j < 0) throw new Refused("已是本层第一个小节，不能再上移");
  if (j >= at.siblings.length) throw new Refused("已是本层最后一个小节，不能再下移");
  [at.siblings[at.index], at.siblings[j]] = [at.siblings[j], at.siblings[at.index]];
}

/** Makes a section the last child of its previous sibling (one level deeper). Text order is kept. */
export function demoteSection(part: TPart, id: string): void {
  const at = locate(part, id);
  if (!at) throw new Refused("找不到当前小节");
  if (at.index === 0) throw new Refused("前面没有同级小节，不能降级");
  if (at.level + height(at.section) > MAX_LEVEL)
    throw new Refused("降级后层级超过四级（最多到“（1）”一级），不能降级");
  const prev = at.siblings[at.index - 1];
  at.siblings.splice(at.index, 1);
  prev.sections.push(at.section);
}

/**
 * Moves a section one level up, right after its parent section; the parent's
 * sections that followed it become its subsections, so the text keeps its order.
 */
export function promoteSection(part: TPart, id: string): void {
  const at = locate(part, id);
  if (!at) throw new Refused("找不到当前小节");
  if (at.level <= 2) throw new Refused("已是最高一级小节（“（一）”一级），不能再升级");
  const parent = at.ancestors[at.ancestors.length - 1] as TSection;
  const grand = at.ancestors[at.ancestors.length - 2];
  const followers = at.siblings.splice(at.index + 1);
  at.siblings.splice(at.index, 1);
  // Its own subsections move up with it; the followers join after them.
  at.section.sections.push(...followers);
  const pi = grand.sections.indexOf(parent);
  grand.sections.splice(pi + 1, 0, at.section);
}

/**
 * Turns a paragraph into a section of `level` (typed numbering such as （三） or
 * 1.): the paragraphs after it and, where needed, the sections after it become
 * its content, so the text keeps its order. Returns the new section, or null when
 * the level does not fit there (a skipped level).
 */
export function paragraphToSection(part: TPart, para: TPara, level: number, make: (heading: string) => TSection): TSection | null {
  // Find the container holding the paragraph and its chain of ancestors.
  const find = (c: Container, lvl: number, chain: { c: Container; lvl: number }[]): { c: Container; lvl: number }[] | null => {
    const here = [...chain, { c, lvl }];
    if (c.paragraphs.includes(para)) return here;
    for (const s of c.sections) {
      const r = find(s, lvl + 1, here);
      if (r) return r;
    }
    return null;
  };
  const chain = find(part, 1, []);
  if (!chain) return null;
  const { c: container, lvl: cl } = chain[chain.length - 1];
  if (level > cl + 1 || level < 2) return null;
  const s = make("");
  const pi = container.paragraphs.indexOf(para);
  s.paragraphs = container.paragraphs.splice(pi + 1);
  container.paragraphs.splice(pi, 1);
  if (level === cl + 1) {
    container.sections.unshift(s);
    return s;
  }
  // level <= cl: the new section closes every container deeper than level-1 and
  // takes what followed the paragraph in each of them as its subsections.
  s.sections = container.sections.splice(0);
  for (let k = chain.length - 1; k >= 1; k--) {
    const { c, lvl } = chain[k];
    if (lvl < level) break;
    const parent = chain[k - 1].c;
    const i = parent.sections.indexOf(c as TSection);
    if (lvl === level) {
      parent.sections.splice(i + 1, 0, s);
      break;
    }
    s.sections.push(...parent.sections.splice(i + 1));
  }
  // Everything moved only up a level or more, so no depth can exceed four.
  return s;
}

/**
 * Moves a section (with its subsections) before or after another section of the
 * same part, taking that section's level (outline drag and drop).
 */
export function moveSectionTo(part: TPart, id: string, targetId: string, after: boolean): void {
  if (id === targetId) return;
  const at = locate(part, id);
  const target = locate(part, targetId);
  if (!at || !target) throw new Refused("找不到要移动的小节");
  if (locate({ ...part, sections: [at.section] }, targetId)) throw new Refused("不能把小节移到它自己的下级中");
  if (target.level + height(at.section) - 1 > MAX_LEVEL) throw new Refused("移动后层级超过四级（最多到“（1）”一级），不能移到这里");
  at.siblings.splice(at.index, 1);
  const i = target.siblings.indexOf(target.section);
  target.siblings.splice(after ? i + 1 : i, 0, at.section);
}
