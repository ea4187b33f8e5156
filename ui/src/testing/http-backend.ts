// Test builds only: the Tauri IPC answered by the real Rust commands, through
// the browser-test server, which forwards /__ipc/<command> to `fazhi serve-ipc`
// (crates/fazhi-cli/src/cmd/serve.rs). Nothing here decides anything: it
// records calls and can make the next call of a command fail, to exercise the
// UI's error paths.
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";

export interface IpcProbe {
  calls: { cmd: string; args: Record<string, unknown> }[];
  /** The next call of `cmd` rejects with this error instead of reaching Rust. */
  failNext(cmd: string, error: { code: string; message: string }): void;
  /** Calls of `cmd` wait this long before reaching Rust. */
  delay(cmd: string, ms: number): void;
}

declare global {
  interface Window {
    __ipc: IpcProbe;
  }
}

export function installHttpBackend(): void {
  const failures = new Map<string, { code: string; message: string }>();
  const delays = new Map<string, number>();
  const probe: IpcProbe = {
    calls: [],
    failNext: (cmd, error) => void failures.set(cmd, error),
    delay: (cmd, ms) => void delays.set(cmd, ms),
  };
  window.__ipc = probe;
  mockWindows("main");
  mockIPC(
    async (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      probe.calls.push({ cmd, args: a });
      const failure = failures.get(cmd);
      if (failure) {
        failures.delete(cmd);
        throw failure;
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
