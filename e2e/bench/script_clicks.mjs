// Times click -> rerun -> page updated in headless Chromium, the same way for any app that
// shows "Button 1" and a text "Line 1: … N click(s)": inside the page, from the click's dispatch
// to the mutation that shows the next count. Prints one line: p50, p99 and mean, in
// milliseconds. Used by scripts/bench-script.sh for Ferry and Streamlit alike.
//
//   node bench/script_clicks.mjs URL [CLICKS]

import { launchBrowser } from "../lib/browser.mjs";

const [url, countArg] = process.argv.slice(2);
const clicks = Number(countArg ?? 50);
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page.getByRole("button", { name: "Button 1" }).waitFor({ state: "visible", timeout: 60_000 });
  await page.getByText(/Line 1: .* 0 click\(s\)/).waitFor({ timeout: 60_000 });
  const times = [];
  for (let n = 1; n <= clicks; n++) {
    const ms = await page.evaluate(
      (n) =>
        new Promise((resolve, reject) => {
          const button = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Button 1");
          if (!button) return reject(new Error("no Button 1"));
          const wanted = new RegExp(`Line 1: .* ${n} click\\(s\\)`);
          const t0 = performance.now();
          const done = () => {
            if (!wanted.test(document.body.innerText)) return false;
            observer.disconnect();
            resolve(performance.now() - t0);
            return true;
          };
          const observer = new MutationObserver(done);
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          button.click();
          setTimeout(() => reject(new Error(`click ${n} not shown within 30 s`)), 30_000);
        }),
      n,
    );
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const ms = (t) => `${t.toFixed(1)} ms`;
  console.log(`p50 ${ms(at(0.5))}, p99 ${ms(at(0.99))}, mean ${ms(mean)} (${clicks} clicks)`);
} finally {
  await browser.close();
}
