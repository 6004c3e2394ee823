// Pages as a reader sees them in Debian's Chromium, at 1280 px and on a 360 px phone: a
// proposal list's amounts and totals in view without scrolling sideways, the search filters
// reachable before the results on a phone, a feed opened in the browser shown as a page (its
// XSLT stylesheet), and the icon at /favicon.ico.
//
//   node tests/browser/pages.mjs GAZETTE_BINARY
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

// A list as wide as real ones: long names, organisations and texts in every column.
const long = (words, n) => Array.from({ length: n }, (_, i) => `${words} ${i + 1}`).join("; ");
let list = 'title = "Danh mục đề xuất của tỉnh A"\nissued = 2023-04-12\nprogram = "1322"\n' +
  'round = 2024\nsubmitter = "Sở Khoa học và Công nghệ tỉnh A"\n';
for (let i = 1; i <= 6; i++) {
  list += `[[tasks]]\nstt = ${i}\nname = "${long("Nhiệm vụ nâng cao năng suất chất lượng sản phẩm", 2)}"\n` +
    `lead = "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng tỉnh A"\n` +
    `partners = ["Viện Năng suất Việt Nam", "Các doanh nghiệp chế biến trên địa bàn tỉnh"]\n` +
    `objectives = "${long("Mục tiêu áp dụng hệ thống quản lý", 4)}"\n` +
    `content = "${long("Nội dung đánh giá hiện trạng và áp dụng công cụ", 5)}"\n` +
    `results = "${long("Kết quả chứng nhận doanh nghiệp đạt chuẩn", 4)}"\n` +
    `duration = "24 tháng (2024–2025)"\ntotal = ${123456.5 * i}\nstate = ${100000 * i}\n` +
    `counterpart = ${23456.5 * i}\nnotes = "${long("Ghi chú", 3)}"\n`;
}
const site = mkdtempSync(join(tmpdir(), "gazette-pages-"));
for (const dir of ["content/programs", "content/proposals", "content/notices"]) {
  mkdirSync(join(site, dir), { recursive: true });
}
writeFileSync(join(site, "site.toml"), 'title = "Cổng thử"\n');
writeFileSync(join(site, "content/programs/1322.md"),
  '+++\ntitle = "Chương trình quốc gia về năng suất"\nissued = 2020-08-31\nprogram = "1322"\n+++\nx\n');
writeFileSync(join(site, "content/proposals/tinh-a.toml"), list);
writeFileSync(join(site, "content/notices/a.md"),
  '+++\ntitle = "Đề xuất nhiệm vụ năng suất"\nissued = 2023-04-12\nprogram = "1322"\n' +
  'deadline = 2023-04-25T17:00:00+07:00\n+++\nNội dung năng suất.\n');
const now = "2023-04-20T09:00:00+07:00";
execFileSync(gazette, ["build", "--site", site, "-q", "--now", now], { stdio: "ignore" });

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const base = `http://127.0.0.1:${port}`;
const server = spawn(gazette, ["serve", "--site", site, "--port", String(port), "--now", now], { stdio: "ignore" });
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

// Every amount cell of the tasks table, shown, and inside the viewport and its scroll box.
const amountsInView = (page) => page.evaluate(() => {
  const box = document.querySelector(".tasks-scroll").getBoundingClientRect();
  const cells = [...document.querySelectorAll(".tasks tbody td.num:not(.col-stt), .tasks tfoot td.num")];
  const out = cells.filter((c) => {
    const r = c.getBoundingClientRect();
    return r.width === 0 || c.textContent.trim() === "" || r.left < Math.max(0, box.left) - 1 ||
      r.right > Math.min(window.innerWidth, box.right) + 1;
  });
  return { cells: cells.length, out: out.length, page: document.documentElement.scrollWidth };
});

try {
  for (let i = 0; i < 50; i++) {
    try { await fetch(`${base}/`); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  for (const width of [1280, 360]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    for (const path of ["/proposal-list/2023/tinh-a/", "/program/1322/2024/proposals/"]) {
      await page.goto(base + path);
      const got = await amountsInView(page);
      check(got.cells === 6 * 3 + 3 && got.out === 0 && got.page <= width,
            `${width} px ${path}: ${got.cells} amounts, ${got.out} out of view, page ${got.page} px wide`);
    }
    await page.goto(`${base}/search?q=nang+suat`);
    const search = await page.evaluate(() => {
      const jump = document.querySelector('a[href="#facets"]');
      const results = document.querySelector(".results");
      const facets = document.querySelector("#facets");
      const shown = (e) => !!e && e.getBoundingClientRect().height > 0;
      return { jump: shown(jump), before: shown(jump) && jump.getBoundingClientRect().top <
                 results.getBoundingClientRect().top,
               facetsFirst: facets.getBoundingClientRect().top < results.getBoundingClientRect().top,
               program: facets.textContent.includes("Chương trình quốc gia về năng suất") };
    });
    // At 1280 px the filters stand beside the results; on a phone a link before them leads there.
    check(search.program, `${width} px search: the programme facet is named`);
    check(width === 360 ? search.jump && search.before : !search.jump,
          `${width} px search: ${search.jump ? "a link to the filters before the results" : "no link needed"}`);
    if (width === 360) {
      await page.click('a[href="#facets"]');
      const inView = await page.evaluate(() => {
        const r = document.querySelector("#facets").getBoundingClientRect();
        return r.top >= -1 && r.top < window.innerHeight;
      });
      check(inView, "360 px search: the link brings the filters into view");
    }
    await page.goto(`${base}/feed.xml`);
    const feed = await page.evaluate(() => ({ title: document.title,
      entries: document.querySelectorAll("ol.summaries > li").length,
      h1: document.querySelector("h1") ? document.querySelector("h1").textContent : "" }));
    check(feed.title === "Cổng thử" && feed.h1 === "Cổng thử" && feed.entries === 2,
          `${width} px /feed.xml in the browser: "${feed.title}", ${feed.entries} entries as a page`);
    await page.close();
  }
  const icon = await fetch(`${base}/favicon.ico`);
  check(icon.status === 200 && icon.headers.get("content-type") === "image/x-icon", "/favicon.ico");
  await browser.close();
} finally {
  server.kill();
  rmSync(site, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`pages: ${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("pages: amounts in view at 1280 and 360 px, filters reachable, feeds readable");
