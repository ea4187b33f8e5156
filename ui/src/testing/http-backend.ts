// Test builds only: the Tauri IPC answered by the real Rust commands, through
// the browser-test server, which forwards /__ipc/<command> to `fazhi serve-ipc`
// (crates/fazhi-cli/src/cmd/serve.rs). Nothing here decides anything: it
// records calls and can make calls of a command fail or wait, to exercise the
// UI's error paths and races.
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";

export interface IpcProbe {
  calls: { cmd: string; args: Record<string, unknown> }[];
  /** The next `times` calls of `cmd` reject with this error instead of reaching Rust. */
  failNext(cmd: string, error: { code: string; message: string }, times?: number): void;
  /** Calls of `cmd` wait this long before reaching Rust. */
  delay(cmd: string, ms: number): void;
}

declare global {
  interface Window {
    __ipc: IpcProbe;
    /** Set by a test before the app starts (e.g. a failure of the first call). */
    __ipcSetup?: (probe: IpcProbe) => void;
  }
}

export function installHttpBackend(): void {
  const failures = new Map<string, { error: { code: string; message: string }; left: number }>();
  const delays = new Map<string, number>();
  const probe: IpcProbe = {
    calls: [],
    failNext: (cmd, error, times = 1) => void failures.set(cmd, { error, left: times }),
    delay: (cmd, ms) => void delays.set(cmd, ms),
  };
  window.__ipc = probe;
  window.__ipcSetup?.(probe);
  mockWindows("main");
  mockIPC(
    async (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      probe.calls.push({ cmd, args: a });
      const failure = failures.get(cmd);
      if (failure) {
        if (--failure.left <= 0) failures.delete(cmd);
        throw failure.error;
      }
      const wait = delays.get(cmd);
      if (wait) await new Promise((r) => setTimeout(r, wait));
      const res = await fetch(`/__ipc/${cmd}`, { method: "POST", body: JSON.stringify(a) });
      const body: unknown = await res.json();
      if (!res.ok) throw body;
      return body;
    },
    { shouldMockEvents: true },
  );
}
