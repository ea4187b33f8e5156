import "prosemirror-view/style/prosemirror.css";
import { startApp } from "./app";

async function boot(): Promise<void> {
  // Vite replaces MODE at build time, so the test backend (IPC to the real
  // Rust through `fazhi serve-ipc`) is only in test builds.
  if (import.meta.env.MODE === "test") {
    const { installHttpBackend } = await import("./testing/http-backend");
    installHttpBackend();
  }
  const root = document.getElementById("app");
  if (root) await startApp(root);
}

void boot();
