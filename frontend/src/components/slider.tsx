// `slider`: a native range input with its value beside it. Dragging fires `input` at each
// value; letting go (or a key that steps it) fires `change` and `release`.

import { ErrorMessage, outer, type BlockProps, type CommonProps } from "../block";
import { FieldHead, fieldIds } from "../field";
import { register } from "../registry";
import { store } from "../state";

export interface SliderProps extends CommonProps {
  value?: number;
  label?: string | null;
  info?: string | null;
  minimum?: number;
  maximum?: number;
  step?: number;
  interactive?: boolean;
}

export function Slider(b: BlockProps<SliderProps>) {
  const p = b.props;
  const min = p.minimum ?? 0;
  const max = p.maximum ?? 100;
  const value = typeof p.value === "number" ? p.value : min;
  const interactive = p.interactive !== false;
  const ids = fieldIds(b.id);
  const num = (e: Event) => (e.currentTarget as HTMLInputElement).valueAsNumber;
  return (
    <div {...outer(b, !interactive && "ferry-readonly")}>
      <FieldHead id={b.id} label={p.label} info={p.info} />
      <div class="ferry-slider-row">
        <input
          id={ids.input}
          class="ferry-range"
          type="range"
          min={min}
          max={max}
          step={p.step ?? 1}
          value={value}
          disabled={!interactive}
          aria-label={p.label ? undefined : "Slider"}
          aria-describedby={p.info ? ids.info : undefined}
          onInput={(e) => store.userInput(b.id, num(e), ["input"])}
          onChange={(e) => {
            store.userInput(b.id, num(e), []);
            store.fire(b.id, "change");
            store.fire(b.id, "release");
          }}
        />
        <output class="ferry-slider-value" for={ids.input}>
          {value}
        </output>
      </div>
      <ErrorMessage error={b.error} />
    </div>
  );
}

register("slider", { view: Slider });
