// 设置: the one entry for the program's settings, in the header (next to who acts).
// The menu itself (and its 身份 item) is the review's identity chip's
// (review/identity.ts); the other pages join it here: 字体 (font-settings.ts),
// 词库 (lexicon.ts), 校对规则 (checks/settings.ts). Each item opens its dialog.
import { api, proofingApi } from "./api";
import { openRuleSettings } from "./checks/settings";
import { h } from "./dom";
import { fontSettingsDialog } from "./font-settings";
import { openLexicon } from "./lexicon";

/** One page of 设置 after 身份. */
interface SettingsPage {
  testid: string;
  label: string;
  title: string;
  open: () => void;
}

const PAGES: SettingsPage[] = [
  {
    testid: "settings-fonts",
    label: "字体…",
    title: "标题、正文、各级标题和页码使用的字体（内置或本机安装的公文字体）",
    open: () => fontSettingsDialog(),
  },
  {
    testid: "settings-lexicon",
    label: "词库…",
    title: "校对词库：搜索、添加、修改、停用，导入导出 CSV/XLSX",
    open: () => void openLexicon(proofingApi),
  },
  {
    testid: "settings-rules",
    label: "校对规则…",
    title: "每条校对规则的启用与级别，常见错别字、敏感词和规范名称",
    open: () => void openRuleSettings(api, []),
  },
];

/**
 * Adds 字体, 词库 and 校对规则 to the header's 设置 menu (installed by
 * `installIdentity`). Returns false when there is no such menu.
 */
export function installSettingsPages(header: HTMLElement): boolean {
  const menu = header.querySelector<HTMLElement>('[data-testid="settings-menu"]');
  const button = header.querySelector<HTMLElement>('[data-testid="settings-button"]');
  if (!menu || !button) return false;
  const close = () => {
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
  };
  menu.append(
    ...PAGES.map((p) =>
      h("button", { type: "button", role: "menuitem", testid: p.testid, title: p.title, onclick: () => {
        close();
        p.open();
      } }, p.label)),
  );
  // Up and down move between the items, as in a menu.
  menu.addEventListener("keydown", (ev) => {
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = items[(at + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length];
    next?.focus();
    ev.preventDefault();
  });
  return true;
}
