// gazette serve --watch in Debian's Chromium: an open page reloads by itself after an edit,
// shows a failed build's problems (as text, over the last good page) and reloads once the
// file is fixed.
//
//   node tests/browser/live-reload.mjs GAZETTE_BINARY
//
// Needs playwright-core (../shared/validators/install puts it in ~/.cache/gazette-validators).
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir, homedir } from "node:os";
import { join } from "node:path";
import net from "node:net";

const gazette = process.argv[2];
const modules = join(process.env.GAZETTE_VALIDATORS_HOME || join(homedir(), ".cache/gazette-validators"), "node_modules");
const { chromium } = createRequire(join(modules, "noop.js"))("playwright-core");

const site = mkdtempSync(join(tmpdir(), "gazette-browser-"));
mkdirSync(join(site, "content/notices"), { recursive: true });
writeFileSync(join(site, "site.toml"), 'title = "Thử"\n');
const notice = (title) => `+++\ntitle = ${title}\nissued = 2023-04-12\n+++\nNội dung.\n`;
const file = join(site, "content/notices/a.md");
writeFileSync(file, notice('"Bản đầu"'));

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const server = spawn(gazette, ["serve", "--watch", "--site", site, "--port", String(port), "--now",
                               "2023-04-20T09:00:00+07:00"], { stdio: "ignore" });
const failures = [];
const check = (ok, what) => { console.log(`${ok ? "ok  " : "FAIL"} ${what}`); if (!ok) failures.push(what); };
try {
  for (let i = 0; i < 100; i++) {
    try { await fetch(`http://127.0.0.1:${port}/`); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/notice/2023/a/`);
  await page.waitForFunction(() => document.title.includes("Bản đầu"));
  // The script has the first build; give its stream a moment to open.
  await page.waitForTimeout(300);
  writeFileSync(file, notice('"Bản sửa"'));
  await page.waitForFunction(() => document.title.includes("Bản sửa"), null, { timeout: 20000 })
    .then(() => check(true, "the page reloaded by itself after an edit"),
          () => check(false, "the page reloaded by itself after an edit"));

  writeFileSync(file, notice("<b>12</b>"));
  const box = await page.waitForSelector("#gazette-build-failed[role=alert]", { timeout: 20000 })
    .catch(() => null);
  check(box !== null, "a failed build is shown over the page");
  if (box) {
    const text = await box.textContent();
    check(text.includes("content/notices/a.md:2:9: error:"), `it names file:line:column: ${text.slice(0, 120)}`);
    check(await page.$("#gazette-build-failed b") === null, "the problems are shown as text, not markup");
    check((await page.title()).includes("Bản sửa"), "the last good page stays under it");
  }
  writeFileSync(file, notice('"Bản cuối"'));
  await page.waitForFunction(() => document.title.includes("Bản cuối") &&
                                   !document.getElementById("gazette-build-failed"), null, { timeout: 20000 })
    .then(() => check(true, "once fixed, the page reloads without the problems"),
          () => check(false, "once fixed, the page reloads without the problems"));
  check(errors.length === 0, `no error in the page's console${errors.length ? ": " + errors.join("; ") : ""}`);
  await browser.close();
} finally {
  server.kill();
  rmSync(site, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`live-reload: ${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("live-reload: open pages follow the builds");
