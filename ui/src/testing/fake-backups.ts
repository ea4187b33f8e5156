// Test builds only: backups and library health for the fake backend. A backup is
// a snapshot of the fake's reports; restoring swaps them back in, as the real
// backend swaps the library file.
import type { ApiError } from "../api";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { BackupReason } from "../bindings/BackupReason";
import type { BackupRestored } from "../bindings/BackupRestored";
import type { LibraryHealth } from "../bindings/LibraryHealth";

export const BACKUP_COMMANDS = new Set(["library_health", "list_backups", "create_backup", "restore_backup", "new_library"]);

const LABEL: Record<BackupReason, string> = {
  daily: "每日备份",
  "before-migration": "升级前备份",
  final: "定稿备份",
  manual: "手动备份",
};

const LIBRARY = "/home/用户/.local/share/fazhi-studio/library.sqlite3";

/** The part of the fake backend a backup captures. */
interface Holder {
  reports: Map<string, unknown>;
}

export class FakeBackups {
  /** What library_health answers; tests set a damaged state before the app starts. */
  health: LibraryHealth = { status: "ok", path: LIBRARY, message: "资料库完好", detail: null };
  list: { info: BackupInfo; reports: Map<string, unknown> | null }[] = [];
  setAside: string[] = [];
  private n = 0;

  /** Adds a backup of `reports` (null: an unreadable backup file). */
  add(holder: Holder | null, created_at: string, reason: BackupReason = "daily"): BackupInfo {
    const stamp = created_at.replace(/[-:.]/g, "");
    const info: BackupInfo = {
      id: `library-${stamp}-${reason}.sqlite3`,
      created_at,
      reason,
      reason_label: LABEL[reason],
      size: 40960 + 1024 * (holder?.reports.size ?? 0),
      reports: holder ? holder.reports.size : null,
    };
    this.list.push({ info, reports: holder ? structuredClone(holder.reports) : null });
    this.list.sort((a, b) => b.info.created_at.localeCompare(a.info.created_at));
    return info;
  }

  private refuse(code: string, message: string): ApiError {
    return { code, message };
  }

  dispatch(fake: Holder, cmd: string, args: Record<string, unknown>): unknown {
    const broken = this.health.status !== "ok" && this.health.status !== "missing";
    switch (cmd) {
      case "library_health":
        return this.health;
      case "list_backups":
        return this.list.map((b) => b.info);
      case "create_backup":
        if (broken) throw this.refuse("recovery", "资料库无法打开，不能备份；请先从备份恢复或新建资料库");
        return this.add(fake, new Date(Date.now() + this.n++).toISOString(), "manual");
      case "restore_backup": {
        const id = args.id;
        if (typeof id !== "string" || !/^[A-Za-z0-9_.-]+$/.test(id) || id.startsWith(".")) {
          throw this.refuse("bad_backup_id", "备份编号无效");
        }
        const b = this.list.find((x) => x.info.id === id);
        if (!b) throw this.refuse("backup_not_found", `找不到备份：${id}`);
        if (!b.reports) throw this.refuse("backup_damaged", `备份“${id}”无法使用：文件已损坏`);
        const aside = `${LIBRARY}.before-restore-${this.n++}`;
        this.setAside.push(aside);
        fake.reports = structuredClone(b.reports);
        this.health = { status: "ok", path: LIBRARY, message: "资料库完好", detail: null };
        const out: BackupRestored = { backup: b.info, set_aside: aside };
        return out;
      }
      case "new_library": {
        if (!broken) throw this.refuse("not_needed", "资料库完好，无需新建；如需重新开始，请先备份");
        const aside = `${LIBRARY}.damaged-${this.n++}`;
        this.setAside.push(aside);
        fake.reports = new Map();
        this.health = { status: "ok", path: LIBRARY, message: "资料库完好", detail: null };
        return aside;
      }
      default:
        throw this.refuse("unknown_command", `未知的命令：${cmd}`);
    }
  }
}
