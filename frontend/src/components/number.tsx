// `number`: a native number field. Typing fires `input` and `change`; Enter, and committing an
// edit (leaving the field, the step arrows), fire `submit`. The field keeps what the user types
// ("1." stays "1.") and shows a new value only when it differs from what is typed.

import { useLayoutEffect, useRef } from "preact/hooks";
import { ErrorMessage, outer, type BlockProps, type CommonProps } from "../block";
import { FieldHead, fieldIds } from "../field";
import { register } from "../registry";
import { store } from "../state";

export interface NumberProps extends CommonProps {
  value?: number | null;
  label?: string | null;
  info?: string | null;
  minimum?: number | null;
  maximum?: number | null;
  step?: number | null;
  interactive?: boolean;
}

/** The field's number, or null when it is empty or not a number. */
function read(el: HTMLInputElement): number | null {
  return el.value === "" || isNaN(el.valueAsNumber) ? null : el.valueAsNumber;
}

export function NumberField(b: BlockProps<NumberProps>) {
  const p = b.props;
  const value = typeof p.value === "number" ? p.value : null;
  const interactive = p.interactive !== false;
  const ids = fieldIds(b.id);
  const field = useRef<HTMLInputElement>(null);
  const sent = useRef<number | null | undefined>(undefined);

  useLayoutEffect(() => {
    const el = field.current;
    if (el && read(el) !== value) el.value = value === null ? "" : String(value);
  }, [value]);

  const submit = (el: HTMLInputElement) => {
    sent.current = read(el);
    store.fire(b.id, "submit");
  };

  return (
    <div {...outer(b, !interactive && "ferry-readonly")}>
      <FieldHead id={b.id} label={p.label} info={p.info} />
      <input
        ref={field}
        id={ids.input}
        class="ferry-input"
        type="number"
        inputMode="decimal"
        min={p.minimum ?? undefined}
        max={p.maximum ?? undefined}
        step={p.step ?? "any"}
        disabled={!interactive}
        aria-label={p.label ? undefined : "Number"}
        aria-describedby={p.info ? ids.info : undefined}
        onInput={(e) => store.userInput(b.id, read(e.currentTarget))}
        onKeyDown={(e) => {
          if (e.key === "Enter" && interactive) {
            e.preventDefault();
            submit(e.currentTarget);
          }
        }}
        onChange={(e) => {
          if (read(e.currentTarget) !== sent.current) submit(e.currentTarget);
        }}
      />
      <ErrorMessage error={b.error} />
    </div>
  );
}

register("number", { view: NumberField });
