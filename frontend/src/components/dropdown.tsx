// `dropdown`: a native `<select>` of the choices ([label, value] pairs), one value or several
// (`multiselect`). Choosing fires `input`, `change` and `select`.

import { ErrorMessage, cx, outer, type BlockProps, type CommonProps } from "../block";
import { FieldHead, fieldIds } from "../field";
import { register } from "../registry";
import { store } from "../state";

export interface DropdownProps extends CommonProps {
  value?: string | string[] | null;
  choices?: [string, string][];
  label?: string | null;
  info?: string | null;
  multiselect?: boolean;
  interactive?: boolean;
}

export function Dropdown(b: BlockProps<DropdownProps>) {
  const p = b.props;
  const choices = Array.isArray(p.choices) ? p.choices : [];
  const multi = p.multiselect === true;
  const chosen = Array.isArray(p.value) ? p.value : p.value == null ? [] : [p.value];
  const interactive = p.interactive !== false;
  const ids = fieldIds(b.id);
  return (
    <div {...outer(b, !interactive && "ferry-readonly")}>
      <FieldHead id={b.id} label={p.label} info={p.info} />
      <div class={cx("ferry-field", !multi && "ferry-select-one")}>
        <select
          id={ids.input}
          class="ferry-input ferry-select"
          multiple={multi}
          size={multi ? Math.min(Math.max(choices.length, 2), 6) : undefined}
          disabled={!interactive}
          aria-label={p.label ? undefined : "Dropdown"}
          aria-describedby={p.info ? ids.info : undefined}
          onChange={(e) => {
            const el = e.currentTarget;
            const next = multi ? Array.from(el.selectedOptions, (o) => o.value) : el.value;
            store.userInput(b.id, next, ["input", "change", "select"]);
          }}
        >
          {!multi && chosen.length === 0 ? (
            <option value="" disabled selected hidden>
              Choose…
            </option>
          ) : null}
          {choices.map(([label, value]) => (
            <option key={value} value={value} selected={chosen.includes(value)}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={b.error} />
    </div>
  );
}

register("dropdown", { view: Dropdown });
