// `download_button`: a native browser download of its FileValue, then the `click` event; for a
// deferred file, `prepare` (the server makes it) with its progress and a cancel control.

import { useRef, useState } from "preact/hooks";
import type { FileValue, Size, Variant } from "../protocol";
import { Elapsed, ErrorMessage, ProgressBar, Spinner, outer, type BlockProps, type CommonProps } from "../block";
import { fileOf, startDownload } from "../download";
import { register } from "../registry";
import { store, type Progress } from "../state";
export { startDownload };
import { ButtonContent, buttonClass, isBusy, progressTitle, type Icon } from "./button";
import { Tip, optionAttrs, useShortcut, type ButtonOptionProps } from "./button_options";
import { cx } from "../block";

export interface DownloadButtonProps extends CommonProps, ButtonOptionProps {
  label?: string;
  /** null: the button is shown, a click downloads nothing (and still fires `click`). */
  value?: FileValue | null;
  variant?: Variant;
  size?: Size;
  icon?: Icon | null;
  icon_position?: string;
  interactive?: boolean;
  /** The file is made when clicked (`value_deferred`): a click with no `value` fires `prepare`. */
  deferred?: boolean;
}

/** "1.2 MB" */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let n = bytes / 1024;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[i]}`;
}

function describe(file: FileValue | null | undefined): string | undefined {
  if (!file) return undefined;
  return typeof file.size === "number" ? `${file.file_name} (${formatSize(file.size)})` : file.file_name;
}


export function DownloadButton(b: BlockProps<DownloadButtonProps>) {
  const p = b.props;
  const interactive = p.interactive !== false;
  // Clicked while a run that outputs here was pending: the download waits for its value.
  const [waiting, setWaiting] = useState(false);
  const preparing = p.deferred === true && store.isRunning(b.id, "prepare");
  const busy = isBusy(b.progress) || waiting || preparing;
  const file = fileOf(p.value);
  const ref = useRef<HTMLButtonElement>(null);
  useShortcut(p.shortcut, ref);
  // `on_click: "ignore"`: a page-only download, no event to the server.
  const fire = () => current().on_click !== "ignore" && store.fire(b.id, "click");
  const current = () => store.get(b.id) as DownloadButtonProps;
  const onClick = () => {
    if (!interactive || waiting) return;
    const go = () => {
      const current = store.get(b.id);
      const ready = fileOf(current.value);
      if (ready) startDownload(ready);
      else if (current.deferred === true) prepare();
      fire();
    };
    // A second click while the file is being made joins its run on the server.
    if (preparing) return prepare();
    // (A page-only button, `on_click: "ignore"`, downloads what it shows: it has no rerun.)
    if (store.hasUnsentEdits() && current().on_click !== "ignore") {
      // A script app with typed edits the server has not seen: the click's rerun takes them
      // first, and the download is the file that rerun drew (or, deferred, makes).
      setWaiting(true);
      store.fire(b.id, "click");
      store.whenRerunsDone(() => {
        setWaiting(false);
        const now = store.get(b.id) as DownloadButtonProps;
        const ready = fileOf(now.value);
        if (ready) startDownload(ready);
        else if (now.deferred === true && now.interactive !== false) prepare();
      });
      return;
    }
    if (current().deferred === true && store.scriptRunning()) {
      // A script's deferred file is made from what the last rerun captured: wait for the
      // rerun in progress (a change the user made just before clicking).
      setWaiting(true);
      store.whenRerunsDone(() => {
        setWaiting(false);
        if (store.get(b.id).interactive !== false) go();
      });
      return;
    }
    if (!store.isPending(b.id)) return go();
    setWaiting(true);
    store.whenSettled(b.id, () => {
      setWaiting(false);
      if (store.get(b.id).interactive !== false) go();
    });
  };
  const prepare = () => {
    store.setError(b.id, undefined);
    store.fire(b.id, "prepare");
  };
  const tip = `ferry-tip-${b.id}`;
  const opts = optionAttrs(p, tip);
  return (
    <div {...outer(b)}>
      <button
        type="button"
        ref={ref}
        {...opts}
        class={cx(buttonClass(p.variant, p.size, busy), opts.class)}
        disabled={!interactive}
        aria-busy={busy || undefined}
        title={progressTitle(b.progress) ?? describe(file)}
        onClick={onClick}
      >
        <ButtonContent label={String(p.label ?? "Download")} html={p.label_html} p={p} busy={busy} progress={preparing ? undefined : b.progress} />
      </button>
      <Tip id={tip} p={p} />
      {preparing ? <Preparing id={b.id} label={String(p.label ?? "Download")} progress={b.progress} /> : null}
      <ErrorMessage error={b.error} />
    </div>
  );
}

/**
 * Under a deferred button whose file is being made: the function's reported progress (a bar
 * with its fraction and description) or, with no fraction, a spinner and the elapsed time; and
 * the cancel control.
 */
function Preparing({ id, label, progress }: { id: number; label: string; progress: Progress | undefined }) {
  const d = progress?.detail;
  const fraction = d && typeof d.fraction === "number" ? d.fraction : null;
  return (
    <div class="ferry-deferred" data-testid="deferred-progress" role="status" aria-live="polite">
      <span class="ferry-deferred-line">
        {fraction === null ? <Spinner /> : <span class="ferry-deferred-percent">{Math.round(fraction * 100)}%</span>}
        <span class="ferry-deferred-description" data-testid="progress-description">
          {d?.description ?? "Preparing…"}
        </span>
        {progress ? <Elapsed since={progress.since} /> : null}
        <button
          type="button"
          class="ferry-deferred-cancel"
          data-testid="deferred-cancel"
          aria-label={`Cancel ${label}`}
          onClick={() => store.fire(id, "cancel")}
        >
          Cancel
        </button>
      </span>
      <ProgressBar fraction={fraction} label={d?.description ?? null} />
    </div>
  );
}

register("download_button", { view: DownloadButton });
