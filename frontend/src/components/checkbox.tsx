// `checkbox`: a native checkbox with its label beside it. Ticking fires `input` and `change`.

import { ErrorMessage, outer, type BlockProps, type CommonProps } from "../block";
import { fieldIds } from "../field";
import { register } from "../registry";
import { store } from "../state";

export interface CheckboxProps extends CommonProps {
  value?: boolean;
  label?: string | null;
  info?: string | null;
  interactive?: boolean;
}

export function Checkbox(b: BlockProps<CheckboxProps>) {
  const p = b.props;
  const interactive = p.interactive !== false;
  const ids = fieldIds(b.id);
  return (
    <div {...outer(b, !interactive && "ferry-readonly")}>
      <label class="ferry-check">
        <input
          id={ids.input}
          type="checkbox"
          checked={p.value === true}
          disabled={!interactive}
          aria-describedby={p.info ? ids.info : undefined}
          onChange={(e) => store.userInput(b.id, (e.currentTarget as HTMLInputElement).checked)}
        />
        <span>{p.label || "Checkbox"}</span>
      </label>
      {p.info ? (
        <p class="ferry-info ferry-check-info" id={ids.info}>
          {p.info}
        </p>
      ) : null}
      <ErrorMessage error={b.error} />
    </div>
  );
}

register("checkbox", { view: Checkbox });
