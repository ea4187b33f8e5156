// `make bench`: app launch → report list visible, through tauri-driver.
// The session start includes spawning the app; we time until the list has a row.
import { startDriver, openApp, tempLibrary, byTestId } from "./helpers.mjs";

const driver = await startDriver();
const times = [];
try {
  const db = tempLibrary();
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const app = await openApp(driver.port, db);
    await byTestId(app, "report-row", 30000);
    times.push(performance.now() - t0);
    await app.deleteSession();
  }
} finally {
  driver.stop();
}
times.sort((a, b) => a - b);
console.log(`launch → report list: median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, ` +
  `max ${times[times.length - 1].toFixed(0)} ms (n=${times.length}; the first includes a cold library)`);
