// [review] The 定稿 dialog counts a report's errors with Rust's one count (report_errors:
// the 错误 `fazhi check` lists, after the report's ignores) — the number the 定稿 gate and
// `fazhi export` give, not a filter of the findings in TypeScript.
import { assert, equal, test, until } from "./harness.mjs";
import { openRow, rewrite, stored, usual } from "./real-library.mjs";

const approver = { name: "李四", role: "approver" };
const request = (to, reason = null) => ({ to, reason, override_checks: false, check_errors: 0, date: null, recipients: null, address: null });

/** The 错误 findings the Rust checker reports on the stored report. */
async function errorsOf(b, id) {
  const { id: _i, status: _s, status_label: _l, version: _v, created_at: _c, updated_at: _u, title: _t, ...document } = await stored(b, id);
  return (await b.call("check_document", { document })).filter((f) => f.severity === "error");
}

test("定稿: the dialog gives Rust's error count — an ignored error is left out", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, { name: "张三", role: "drafter" });
  await rewrite(b, id, (d) => {
    d.preface[0].text = "现将有关情况汇报如下：";
  });
  await b.call("transition_report", { id, request: request("review") });
  await b.call("set_identity", approver);
  const errors = await errorsOf(b, id);
  const huibao = errors.find((f) => f.rule === "genre.huibao");
  assert(huibao, errors.map((f) => f.rule).join());
  await b.call("ignore_finding", { id, finding: huibao, scope: "once" });
  const counted = (await b.call("report_errors", { id })).count;
  equal(counted, errors.length - 1, "Rust leaves the ignored error out");

  const page = await open();
  await openRow(page, "梅河口");
  await page.locator('[data-testid="wf-action"][data-to="final"]').click();
  await until(() => page.getByTestId("finalize-blockers").isVisible(), "blockers shown");
  const text = await page.getByTestId("finalize-blockers").textContent();
  assert(text.includes(`校对发现 ${counted} 项错误`), `the dialog counts ${counted}: ${text}`);
  assert(!text.includes(`校对发现 ${errors.length} 项错误`), `not the unignored ${errors.length}: ${text}`);
});
