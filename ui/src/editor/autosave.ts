// Autosave: debounced after the last change, retried on failure, never dropping
// edits (the editor keeps them; this only decides when to send them).
import type { ApiError } from "../api";
import { toApiError } from "../api";
import type { Document } from "../bindings/Document";
import type { Saved } from "../bindings/Saved";

export type SaveStatus =
  | { kind: "saved"; at: Date }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "failed"; error: ApiError; retryAt: number | null }
  | { kind: "conflict"; error: ApiError }
  | { kind: "invalid"; error: ApiError };

export interface SaverOptions {
  id: string;
  version: number;
  save: (id: string, expectedVersion: number | null, doc: Document) => Promise<Saved>;
  snapshot: () => Document;
  onStatus: (s: SaveStatus) => void;
  /** True while a save must wait (an input method is composing). */
  busy?: () => boolean;
  debounceMs?: number;
  retryMs?: number;
  now?: () => Date;
  /** When the report was last saved (its `updated_at`): what 已保存 shows on opening. */
  savedAt?: string;
}

/** A stored ISO time as a Date; `fallback` when it is missing or unreadable. */
function storedTime(iso: string | undefined, fallback: () => Date): Date {
  const d = iso ? new Date(iso) : null;
  return d && !Number.isNaN(d.getTime()) ? d : fallback();
}

/** Codes worth retrying by themselves: the condition can pass (a lock, a full disk freed). */
const TRANSIENT = new Set(["busy", "disk_full", "read_only", "database", "io", "unknown"]);

export class Saver {
  version: number;
  status: SaveStatus;
  private dirty = false;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private overwriteNext = false;
  private readonly debounceMs: number;
  private readonly retryMs: number;
  private disposed = false;

  constructor(private readonly o: SaverOptions) {
    this.version = o.version;
    this.debounceMs = o.debounceMs ?? 1000;
    this.retryMs = o.retryMs ?? 5000;
    this.status = { kind: "saved", at: storedTime(o.savedAt, o.now ?? (() => new Date())) };
  }

  get hasUnsaved(): boolean {
    return this.dirty || this.inFlight !== null;
  }

  private set(s: SaveStatus): void {
    this.status = s;
    this.o.onStatus(s);
  }

  /** The document changed: save after the debounce. */
  changed(): void {
    this.dirty = true;
    this.generation++;
    if (this.status.kind === "conflict") return; // wait for the user's decision
    // Only a change of state is reported: the status line must not be touched per keystroke.
    if (this.status.kind !== "saving" && this.status.kind !== "failed" && this.status.kind !== "dirty") this.set({ kind: "dirty" });
    this.schedule(this.debounceMs);
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), ms);
  }

  /** Saves now if anything is unsaved; resolves true when everything is saved. */
  async flush(): Promise<boolean> {
    clearTimeout(this.timer);
    if (this.inFlight) await this.inFlight;
    if (this.dirty && this.status.kind !== "conflict") await this.run();
    return !this.dirty;
  }

  retry(): Promise<boolean> {
    this.failures = 0;
    return this.flush();
  }

  /** After a conflict, the user chose to keep this window's text. */
  overwrite(): Promise<boolean> {
    this.overwriteNext = true;
    this.set({ kind: "dirty" });
    return this.flush();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private run(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (!this.dirty) return Promise.resolve();
    if (this.o.busy?.()) {
      this.schedule(300);
      return Promise.resolve();
    }
    const gen = this.generation;
    const expected = this.overwriteNext ? null : this.version;
    let doc: Document;
    try {
      doc = this.o.snapshot();
    } catch (e) {
      this.set({ kind: "failed", error: toApiError(e), retryAt: null });
      return Promise.resolve();
    }
    this.set({ kind: "saving" });
    this.inFlight = (async () => {
      try {
        const saved = await this.o.save(this.o.id, expected, doc);
        this.version = saved.version;
        this.overwriteNext = false;
        this.failures = 0;
        if (this.generation === gen) {
          this.dirty = false;
          // The store's own time of this save, not the clock of the window.
          this.set({ kind: "saved", at: this.o.now ? this.o.now() : storedTime(saved.updated_at, () => new Date()) });
        } else {
          this.set({ kind: "dirty" });
          this.schedule(this.debounceMs);
        }
      } catch (e) {
        const error = toApiError(e);
        if (error.code === "conflict") this.set({ kind: "conflict", error });
        else if (error.code === "invalid") this.set({ kind: "invalid", error });
        else {
          this.failures++;
          const wait = Math.min(this.retryMs * 2 ** (this.failures - 1), 60_000);
          const transient = TRANSIENT.has(error.code);
          this.set({ kind: "failed", error, retryAt: transient ? Date.now() + wait : null });
          if (transient) this.schedule(wait);
        }
      } finally {
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }
}
