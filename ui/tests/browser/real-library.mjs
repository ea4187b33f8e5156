// What the real-backend browser tests share: a fresh library prepared through
// the app's own commands, and opening one of its reports.
import { until } from "./harness.mjs";

export const rows = (page) => page.locator('[data-testid="report-row"]');

/** A fresh library with `identity` and the reports `reports` ([issuer, year]); returns their ids. */
export async function library(b, reports = [], identity = { name: "王起草", role: "drafter" }) {
  await b.reset();
  await b.call("set_identity", identity);
  const ids = [];
  for (const [issuer, year] of reports) ids.push((await b.call("create_report", { input: { issuer, year } })).report.id);
  return ids;
}

/** Opens the first report whose row holds `text`, and waits for its editor. */
export async function openRow(page, text = "梅河口") {
  await until(async () => (await rows(page).count()) > 0, "rows");
  await rows(page).filter({ hasText: text }).first().locator(".open-link").click();
  await until(() => page.getByTestId("editor").isVisible(), "editor");
}
