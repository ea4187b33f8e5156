import "prosemirror-view/style/prosemirror.css";
import { startApp } from "./app";

async function boot(): Promise<void> {
  // Vite replaces MODE at build time, so the fake backend is only in test builds.
  if (import.meta.env.MODE === "test") {
    const { installMock } = await import("./testing/install-mock");
    installMock();
  }
  const root = document.getElementById("app");
  if (root) await startApp(root);
}

void boot();
