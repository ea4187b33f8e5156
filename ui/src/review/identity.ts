// Who is acting: 姓名 and 角色 (settings identity.name / identity.role). Asked on
// the first launch, shown in the header, changeable under 设置 → 身份. Every
// comment and status change records it (the backend reads it from the library).
//
// The first-launch dialog is not modal: the user may look around first; an
// action that needs a name (批注、送审 …) opens it again (`requireIdentity`).
import { toApiError } from "../api";
import type { Identity } from "../bindings/Identity";
import type { ReviewRole } from "../bindings/ReviewRole";
import { clear, h } from "../dom";
import { rapi, type ReviewApi } from "./rapi";

export const ROLE_LABEL: Record<ReviewRole, string> = { drafter: "起草人", reviewer: "审核人", approver: "签发人" };
export const MAX_NAME_CHARS = 40;

type Listener = (i: Identity) => void;

/** The library's identity as this window knows it. */
class IdentityStore {
  current: Identity | null = null;
  private listeners = new Set<Listener>();
  api: ReviewApi = rapi;

  get isSet(): boolean {
    return !!this.current && this.current.name.trim() !== "";
  }

  async load(): Promise<Identity | null> {
    try {
      this.current = await this.api.getIdentity();
      this.emit();
    } catch {
      this.current = null;
    }
    return this.current;
  }

  async set(name: string, role: ReviewRole): Promise<Identity> {
    const i = await this.api.setIdentity(name, role);
    this.current = i;
    this.emit();
    return i;
  }

  onChange(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    if (this.current) for (const fn of this.listeners) fn(this.current);
  }
}

export const identity = new IdentityStore();

/** Client-side check of a name, same limits as the core; null when fine. */
export function nameProblem(name: string): string | null {
  const n = name.trim();
  if (n === "") return "请填写姓名";
  if ([...n].length > MAX_NAME_CHARS) return `姓名不超过${MAX_NAME_CHARS}字`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(n)) return "姓名不能含控制字符";
  return null;
}

export function identityLabel(i: Identity | null): string {
  if (!i || i.name.trim() === "") return "未设置身份";
  return i.role ? `${i.name}（${ROLE_LABEL[i.role]}）` : i.name;
}

let openDialog: Promise<Identity | null> | null = null;

/**
 * The 姓名/角色 dialog. `firstRun`: not modal, with 稍后 instead of 取消.
 * Resolves the saved identity, or null when dismissed.
 */
export function identityDialog(firstRun = false): Promise<Identity | null> {
  if (openDialog) return openDialog;
  openDialog = new Promise<Identity | null>((resolve) => {
    const cur = identity.current;
    const name = h("input", { id: "identity-name", type: "text", testid: "identity-name", value: cur?.name ?? "", autocomplete: "name", maxlength: 80 });
    const role = h("select", { id: "identity-role", testid: "identity-role" },
      (["drafter", "reviewer", "approver"] as const).map((r) =>
        h("option", { value: r, selected: (cur?.role ?? "drafter") === r }, ROLE_LABEL[r])));
    const err = h("p", { className: "field-error", role: "alert", testid: "identity-error" });
    const ok = h("button", { type: "submit", className: "primary", testid: "identity-save" }, "确定");
    const cancel = h("button", { type: "button", testid: "identity-cancel" }, firstRun ? "稍后" : "取消");
    const form = h("form", { method: "dialog" },
      h("h2", {}, firstRun ? "欢迎使用：请先填写您的身份" : "身份"),
      h("p", { className: "hint" }, "批注、送审、定稿等操作都会记录姓名、角色和时间。可随时在“设置 → 身份”中修改。"),
      h("div", { className: "field" }, h("label", { for: "identity-name" }, "姓名"), name),
      h("div", { className: "field" }, h("label", { for: "identity-role" }, "角色"), role,
        h("p", { className: "hint" }, "起草人：编写报告、送审；审核人：审阅并批注；签发人：定稿、撤销定稿。")),
      err,
      h("div", { className: "dialog-buttons" }, cancel, ok));
    const d = h("dialog", { className: `dialog identity-dialog${firstRun ? " first-run" : ""}`, testid: "identity-dialog", "aria-label": "身份" }, form);
    let result: Identity | null = null;
    d.addEventListener("close", () => {
      d.remove();
      openDialog = null;
      resolve(result);
    });
    cancel.addEventListener("click", () => d.close());
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const problem = nameProblem(name.value);
      if (problem) {
        err.textContent = problem;
        name.focus();
        return;
      }
      ok.disabled = true;
      err.textContent = "";
      try {
        result = await identity.set(name.value.trim(), role.value as ReviewRole);
        d.close();
      } catch (e) {
        err.textContent = toApiError(e).message;
        ok.disabled = false;
      }
    });
    document.body.append(d);
    if (firstRun) d.show();
    else d.showModal();
    name.focus();
  });
  return openDialog;
}

/** True when an identity is set, after asking for one if needed. */
export async function requireIdentity(): Promise<boolean> {
  if (identity.isSet) return true;
  if (!identity.current) await identity.load();
  if (identity.isSet) return true;
  return (await identityDialog(false)) !== null;
}

/**
 * The header's identity chip and 设置 menu; asks on the first launch. `extra`
 * are more header items (打开审阅包).
 */
export function installIdentity(header: HTMLElement, extra: HTMLElement[] = []): void {
  const chip = h("span", { className: "identity-chip", testid: "identity-chip", title: "当前身份" }, "…");
  const menu = h("div", { className: "menu settings-menu", testid: "settings-menu", role: "menu", hidden: true });
  const settings = h("button", { type: "button", className: "settings-button", testid: "settings-button", "aria-haspopup": "menu", "aria-expanded": "false" }, "设置");
  const closeMenu = () => {
    menu.hidden = true;
    settings.setAttribute("aria-expanded", "false");
  };
  menu.append(
    h("button", { type: "button", role: "menuitem", testid: "settings-identity", onclick: () => {
      closeMenu();
      void identityDialog(false);
    } }, "身份（姓名和角色）…"),
  );
  settings.addEventListener("click", () => {
    menu.hidden = !menu.hidden;
    settings.setAttribute("aria-expanded", String(!menu.hidden));
    if (!menu.hidden) menu.querySelector("button")?.focus();
  });
  menu.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      closeMenu();
      settings.focus();
    }
  });
  document.addEventListener("click", (ev) => {
    if (!menu.hidden && !(ev.target as HTMLElement).closest(".settings-wrap")) closeMenu();
  });
  const render = (i: Identity | null) => {
    clear(chip);
    chip.append(identityLabel(i));
    chip.classList.toggle("unset", !i || i.name.trim() === "");
  };
  identity.onChange(render);
  header.append(h("span", { className: "header-tools" }, ...extra, chip, h("span", { className: "settings-wrap" }, settings, menu)));
  void identity.load().then((i) => {
    render(i);
    // Only a backend that knows identities (and has none yet) asks. Test
    // builds ask only when the page says so (?askidentity), so that the other
    // browser tests see the app as before.
    const ask = import.meta.env.MODE !== "test" || new URLSearchParams(location.search).has("askidentity");
    if (ask && i && i.name.trim() === "") void identityDialog(true);
  });
}
