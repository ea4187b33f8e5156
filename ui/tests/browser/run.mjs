// npm run test:browser — every *.test.mjs file in this folder, against dist-test.
import { readdir } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { run } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
for (const f of (await readdir(here)).filter((f) => f.endsWith(".test.mjs")).sort()) {
  await import(pathToFileURL(`${here}/${f}`).href);
}
const ok = await run(process.env.ONLY);
process.exit(ok ? 0 : 1);
