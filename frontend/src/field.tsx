// What a form field shares: its label (tied to the control by `for`) and its line of help.

/** The ids of a field's control and of its line of help. */
export function fieldIds(id: number): { input: string; info: string } {
  return { input: `ferry-${id}-input`, info: `ferry-${id}-info` };
}

/** The label above a field and its line of help under the label, as a textbox draws them. */
export function FieldHead({ id, label, info }: { id: number; label?: string | null; info?: string | null }) {
  const ids = fieldIds(id);
  return (
    <>
      {label ? (
        <label class="ferry-label" for={ids.input}>
          {label}
        </label>
      ) : null}
      {info ? (
        <p class="ferry-info" id={ids.info}>
          {info}
        </p>
      ) : null}
    </>
  );
}
