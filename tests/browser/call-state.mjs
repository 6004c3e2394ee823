// A page built before a deadline must say "closed" once the reader's clock has passed it, and
// an upcoming call counts down to its opening, then to its deadline: the theme's script
// compares with the reader's clock. Run in Debian's Chromium.
//
//   node tests/browser/call-state.mjs GAZETTE_BINARY
//
// Needs playwright-core (../shared/validators/install puts it in ~/.cache/gazette-validators).
import { execFileSync, spawn } from "node:child_process";
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
writeFileSync(join(site, "content/notices/a.md"),
  '+++\ntitle = "Đợt A"\nissued = 2023-04-12\nopens = 2023-04-15T08:00:00+07:00\n' +
  'deadline = 2023-04-25T17:00:00+07:00\n+++\nNội dung.\n');
// Built on the 14th: the call has not opened yet.
execFileSync(gazette, ["build", "--site", site, "-q", "--now", "2023-04-14T09:00:00+07:00"], { stdio: "ignore" });

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const server = spawn(gazette, ["serve", "--site", site, "--port", String(port), "--now", "2023-04-14T09:00:00+07:00"], { stdio: "ignore" });
const failures = [];
try {
  for (let i = 0; i < 50; i++) {
    try { await fetch(`http://127.0.0.1:${port}/`); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // [reader's clock, class, state, the countdown to the opening (null: not shown), time left]
  const cases = [
    ["2023-04-12T09:00:00+07:00", "call-upcoming", "Sắp mở", "(mở sau 2 ngày)", ""],
    ["2023-04-14T09:00:00+07:00", "call-upcoming", "Sắp mở", "(mở sau 23 giờ)", ""],
    ["2023-04-15T07:30:00+07:00", "call-upcoming", "Sắp mở", "(mở sau 30 phút)", ""],
    ["2023-04-16T09:00:00+07:00", "call-open", "Đang nhận hồ sơ", null, "(còn 9 ngày)"],
    ["2023-04-20T09:00:00+07:00", "call-closing-soon", "Sắp hết hạn", null, "(còn 5 ngày)"],
    ["2023-04-25T17:00:01+07:00", "call-closed", "Đã hết hạn", null, ""],
  ];
  for (const [now, cls, label, opensIn, left] of cases) {
    const page = await browser.newPage();
    await page.clock.setFixedTime(new Date(now));
    await page.goto(`http://127.0.0.1:${port}/notice/2023/a/`);
    await page.waitForLoadState("domcontentloaded");
    const got = await page.$eval(".doc-deadline .call", (el) => {
      const opens = el.querySelector(".call-opens-in");
      return { cls: el.className, label: el.querySelector(".call-state").textContent,
               opensIn: opens ? opens.textContent : null,
               opensShown: !!el.querySelector(".call-opens time[datetime='2023-04-15T08:00:00+07:00']"),
               left: el.querySelector(".call-left").textContent };
    });
    const ok = got.cls.includes(cls) && got.label === label && got.opensIn === opensIn &&
      got.opensShown === (opensIn !== null) && got.left === left;
    console.log(`${ok ? "ok  " : "FAIL"} reader's clock ${now}: ${got.cls} "${got.label}" ` +
                `opens in ${got.opensIn} left "${got.left}"`);
    if (!ok) failures.push(now);
    await page.close();
  }
  await browser.close();
} finally {
  server.kill();
  rmSync(site, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`call-state: ${failures.length} case(s) failed`);
  process.exit(1);
}
console.log("call-state: the script keeps every call's state true to the reader's clock");
