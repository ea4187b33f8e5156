// Test builds only: replaces the Tauri IPC by the in-memory fake backend and
// exposes it as window.__fake so browser tests can seed data and inject failures.
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { FakeBackend } from "../fake-backend";
import { installHttpBackend } from "./http-backend";

declare global {
  interface Window {
    __fake: FakeBackend;
    /** Set by a test before the app starts, to seed the fake. */
    __fakeSetup?: (fake: FakeBackend) => void;
  }
}

export function installMock(): void {
  const params = new URLSearchParams(location.search);
  if (params.get("backend") === "real") {
    installHttpBackend();
    return;
  }
  const fake = new FakeBackend();
  if (!params.has("empty")) {
    fake.seed("梅河口市人民政府", 2019, (d) => {
      d.preface[0].text = "2019年，在市委的坚强领导下，我市深入贯彻落实习近平法治思想。现将有关情况报告如下：";
    });
    fake.seed("通化市人民政府", 2020);
  }
  window.__fake = fake;
  window.__fakeSetup?.(fake);
  mockWindows("main");
  mockIPC((cmd, args) => fake.handle(cmd, (args ?? {}) as Record<string, unknown>), { shouldMockEvents: true });
}
