// `dataframe`: a table in a scroll area with a sticky header; numbers right-aligned in tabular
// figures, text left-aligned; a click on a header (a button) sorts by its column: ascending,
// descending, then the table's own order. Under it, its size and "Download as CSV", a native
// download of the CSV the server wrote. Gradio's `gr.Dataframe` as an output, Streamlit's
// `st.dataframe`. The value is Gradio's `{"headers": [...], "data": [[...]]}`. A table of more
// than `VIRTUAL_AFTER` rows draws only the rows in view (and a margin), between two spacer rows
// that keep the scroll bar true, so a table of 100,000 rows shows at once.

import css from "./dataframe.css";
import { applyWidth, define, fileValue, make, text } from "./_host";

type Cell = number | string | boolean | null;
type Direction = "ascending" | "descending";

/** What a dataframe keeps across renders of the same table: its sort and its scroll. */
interface Kept {
  headers: string;
  column: number | null;
  direction: Direction;
  top: number;
  left: number;
}

const kept = new WeakMap<HTMLElement, Kept>();

/** Tables with more rows than this draw only the rows in view. */
export const VIRTUAL_AFTER = 200;
/** Rows drawn above and below the view, so that a quick scroll shows no gap. */
const OVERSCAN = 24;
/** A row's height before one is measured: 5 px padding twice, 13 px text at 1.4, a border. */
const ROW_GUESS = 29;

/**
 * A number as Rust's `Display` writes it, as the server's CSV holds it: the shortest digits
 * that read back the same (as JavaScript's), never an exponent, `-0` kept.
 */
export function rustNumber(n: number): string {
  if (Object.is(n, -0)) return "-0";
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "inf" : "-inf";
  const s = String(n);
  const e = s.indexOf("e");
  if (e < 0) return s;
  const sign = s.startsWith("-") ? "-" : "";
  const [whole, fraction = ""] = s.slice(sign.length, e).split(".");
  const digits = whole + fraction;
  const point = whole.length + Number(s.slice(e + 1));
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function shown(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return rustNumber(cell);
  return String(cell);
}

/** Numbers first, then booleans, then text; empty cells last whichever the direction. */
function rank(cell: Cell): number {
  if (typeof cell === "number") return 0;
  if (typeof cell === "boolean") return 1;
  if (typeof cell === "string") return 2;
  return 3;
}

function compare(a: Cell, b: Cell): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (a as number) - (b as number);
  if (ra === 1) return Number(a) - Number(b);
  if (ra === 2) return (a as string).localeCompare(b as string);
  return 0;
}

/** The rows' indices in the order of `column` and `direction` (stable), or as they are. */
function order(rows: Cell[][], column: number | null, direction: Direction): number[] {
  const indices = rows.map((_, i) => i);
  if (column === null) return indices;
  const sign = direction === "ascending" ? 1 : -1;
  return indices.sort((i, j) => {
    const a = rows[i][column] ?? null;
    const b = rows[j][column] ?? null;
    if (a === null || b === null) return rank(a) - rank(b);
    return sign * compare(a, b);
  });
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n.toLocaleString("en-US")} ${many}`;
}

function table(props: Record<string, unknown>): { headers: string[]; rows: Cell[][] } | null {
  const value = props.value as { headers?: unknown; data?: unknown } | null | undefined;
  if (!value || !Array.isArray(value.headers) || !Array.isArray(value.data)) return null;
  return {
    headers: value.headers.map((h) => String(h ?? "")),
    rows: value.data.filter((row): row is Cell[] => Array.isArray(row)),
  };
}

define("dataframe", css, {
  render(el, props) {
    const data = table(props);
    const label = text(props.label);
    const root = make("div", "ferry-df");
    applyWidth(root, props.width === "content" ? null : props.width);
    root.classList.toggle("ferry-df-content", props.width === "content");
    if (label && props.show_label !== false) root.append(make("span", "ferry-label", label));
    const scroll = make("div", "ferry-df-scroll");
    scroll.tabIndex = 0;
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-label", label ?? "Table");
    if (typeof props.height === "number") scroll.style.maxHeight = `${props.height}px`;
    root.append(scroll);
    if (!data || data.headers.length === 0) {
      scroll.append(make("p", "ferry-df-none", "No data"));
      el.replaceChildren(root);
      kept.delete(el);
      return;
    }
    const { headers, rows } = data;
    const signature = JSON.stringify(headers);
    const before = kept.get(el);
    const state: Kept =
      before && before.headers === signature
        ? before
        : { headers: signature, column: null, direction: "ascending", top: 0, left: 0 };
    kept.set(el, state);

    const numeric = headers.map((_, c) => {
      let any = false;
      for (const row of rows) {
        const cell = row[c] ?? null;
        if (cell === null) continue;
        if (typeof cell !== "number") return false;
        any = true;
      }
      return any;
    });
    const grid = make("table", "ferry-df-table");
    const head = make("thead");
    const headRow = make("tr");
    const sortable = props.sortable !== false;
    const ths = headers.map((header, c) => {
      const th = make("th", numeric[c] ? "ferry-df-th ferry-df-num" : "ferry-df-th");
      th.scope = "col";
      const name = make("span", "ferry-df-head", header);
      if (sortable) {
        const button = make("button", "ferry-df-sort");
        button.type = "button";
        if (!header) button.setAttribute("aria-label", `Column ${c + 1}`);
        const arrow = make("span", "ferry-df-arrow");
        arrow.setAttribute("aria-hidden", "true");
        button.append(name, arrow);
        button.addEventListener("click", () => {
          if (state.column !== c) {
            state.column = c;
            state.direction = "ascending";
          } else if (state.direction === "ascending") {
            state.direction = "descending";
          } else {
            state.column = null;
          }
          sort();
        });
        th.append(button);
      } else {
        th.append(name);
      }
      headRow.append(th);
      return th;
    });
    head.append(headRow);
    const body = make("tbody");
    const row = (i: number): HTMLTableRowElement => {
      const tr = make("tr");
      const cells = rows[i];
      headers.forEach((_, c) => {
        const cell = cells[c] ?? null;
        const td = make("td", typeof cell === "number" ? "ferry-df-num" : cell === null ? "ferry-df-empty" : undefined);
        td.textContent = shown(cell);
        tr.append(td);
      });
      return tr;
    };
    grid.append(head, body);
    scroll.append(grid);
    const virtual = rows.length > VIRTUAL_AFTER;
    let shownOrder: number[] = [];
    // Drawn once and reordered; a large table draws its rows as they come into view.
    const trs = virtual ? [] : rows.map((_, i) => row(i));
    const spacer = (): HTMLTableRowElement => {
      const tr = make("tr", "ferry-df-spacer");
      tr.setAttribute("aria-hidden", "true");
      const td = make("td");
      td.colSpan = headers.length;
      tr.append(td);
      return tr;
    };
    const above = spacer();
    const below = spacer();
    let rowHeight = ROW_GUESS;
    let window: [number, number] = [-1, -1];
    if (virtual) {
      grid.classList.add("ferry-df-virtual");
      grid.setAttribute("aria-rowcount", String(rows.length + 1));
    }

    /** Draws the rows in view (a large table), or every row in order. */
    function paint(force = false): void {
      if (!virtual) {
        body.replaceChildren(...shownOrder.map((i) => trs[i]));
        return;
      }
      const top = Math.max(0, scroll.scrollTop - head.offsetHeight);
      const view = scroll.clientHeight || 400;
      const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
      const last = Math.min(shownOrder.length, Math.ceil((top + view) / rowHeight) + OVERSCAN);
      if (!force && first === window[0] && last === window[1]) return;
      window = [first, last];
      // Through the CSSOM: the page's CSP refuses style attributes.
      (above.firstElementChild as HTMLElement).style.height = `${first * rowHeight}px`;
      (below.firstElementChild as HTMLElement).style.height = `${(shownOrder.length - last) * rowHeight}px`;
      const drawn = shownOrder.slice(first, last).map((i, k) => {
        const tr = row(i);
        tr.setAttribute("aria-rowindex", String(first + k + 2));
        return tr;
      });
      body.replaceChildren(above, ...drawn, below);
    }

    function sort(): void {
      const column = sortable ? state.column : null;
      ths.forEach((th, c) => {
        const arrow = th.querySelector(".ferry-df-arrow");
        if (c === column) {
          th.setAttribute("aria-sort", state.direction);
          if (arrow) arrow.textContent = state.direction === "ascending" ? "▲" : "▼";
        } else {
          th.removeAttribute("aria-sort");
          if (arrow) arrow.textContent = "";
        }
      });
      shownOrder = order(rows, column, state.direction);
      paint(true);
    }
    sort();

    const foot = make("div", "ferry-df-foot");
    foot.append(
      make("span", "ferry-df-count", `${plural(rows.length, "row", "rows")} × ${plural(headers.length, "column", "columns")}`),
    );
    const csv = fileValue(props.csv);
    if (csv && props.show_download !== false) {
      const save = make("a", "ferry-df-download");
      save.href = csv.url;
      save.download = csv.file_name ?? "data.csv";
      save.setAttribute("data-testid", "dataframe-download");
      save.innerHTML =
        '<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true"><path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19h14" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>';
      save.append("Download as CSV");
      foot.append(save);
    }
    root.append(foot);
    el.replaceChildren(root);
    if (virtual) {
      // Now that it is laid out: the real row height, and columns as wide as the first rows
      // made them (rows drawn later may widen a column, never narrow it).
      const sample = body.children[1] as HTMLElement | undefined;
      const measured = sample?.getBoundingClientRect().height ?? 0;
      if (measured > 0) rowHeight = measured;
      ths.forEach((th) => (th.style.minWidth = `${th.getBoundingClientRect().width}px`));
    }
    scroll.scrollTop = state.top;
    scroll.scrollLeft = state.left;
    paint(true);
    let frame = 0;
    scroll.addEventListener("scroll", () => {
      state.top = scroll.scrollTop;
      state.left = scroll.scrollLeft;
      if (virtual && frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0;
          paint();
        });
      }
    });
  },
});
