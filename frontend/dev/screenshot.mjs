// Screenshots of a running Ferry page (the mock server or a real app) in Debian's headless Chromium.
//
//   node dev/screenshot.mjs [URL] [OUTDIR]     (defaults: http://127.0.0.1:7861, dev/shots)
//
// Takes light and dark shots of the page at rest, while a run is busy, with an error toast, and
// with keyboard focus on a button. Never downloads a browser: it uses /usr/bin/chromium.

import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "playwright-core";

const url = process.argv[2] ?? "http://127.0.0.1:7861";
const outDir = process.argv[3] ?? "dev/shots";
await mkdir(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

try {
  for (const colorScheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on("console", (m) => console.log(`[${colorScheme} console.${m.type()}] ${m.text()}`));
    page.on("pageerror", (e) => console.log(`[${colorScheme} pageerror] ${e.message}`));
    await page.goto(url);
    await page.getByTestId("column").first().waitFor();
    const shot = (name, opts = {}) => page.screenshot({ path: join(outDir, `${colorScheme}-${name}.png`), ...opts });
    await shot("page", { fullPage: true });

    await page.getByLabel("Your name").fill("Quarterly report");
    await page.getByRole("button", { name: "Generate file (slow)" }).click();
    await page.waitForTimeout(600);
    await shot("busy");
    await page.getByRole("button", { name: /Download Quarterly report\.json/ }).waitFor();

    await page.getByRole("button", { name: "Fail" }).click();
    await page.getByTestId("toast").first().waitFor();
    await page.waitForTimeout(300);
    await shot("toast");

    await page.keyboard.press("Tab");
    await page.getByRole("button", { name: "Download résumé" }).focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await page.getByRole("button", { name: "Download report.csv" }).hover();
    await shot("focus", { clip: { x: 0, y: 0, width: 1280, height: 330 } });

    if (colorScheme === "light") {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download résumé" }).click()]);
      console.log(`download: ${download.suggestedFilename()}`);
      const narrow = await browser.newContext({ colorScheme, viewport: { width: 420, height: 900 } });
      const p2 = await narrow.newPage();
      await p2.goto(url);
      await p2.getByTestId("column").first().waitFor();
      await p2.screenshot({ path: join(outDir, "light-narrow.png"), fullPage: true });
      await narrow.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${outDir}`);
