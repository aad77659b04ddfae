// Entry of the "Use via API" page's own script (`?view=api`), loaded by the bundle only for that
// page: it draws the page in place of the app, with no session.

import { render } from "preact";
import { ApiPage } from "./api_page";
import css from "./api_page.css";

function start(): void {
  // The page's styles, as a constructed sheet (the page's Content-Security-Policy admits those).
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const root = document.getElementById("ferry-root") ?? document.body;
  const page = document.getElementById("ferry-page")?.textContent;
  let title = document.title;
  try {
    const parsed = page ? (JSON.parse(page) as { title?: unknown }) : null;
    if (parsed && typeof parsed.title === "string") title = parsed.title;
  } catch {
    // The shell's page description is optional here: the tab's title is enough.
  }
  document.title = `API · ${title}`;
  root.replaceChildren();
  render(
    <>
      <ApiPage title={title} />
      <footer class="ferry-footer">
        Built with <span class="ferry-brand">Ferry</span>
      </footer>
    </>,
    root,
  );
}

start();
