// Renders the layout tree: one `Node` per component, each subscribed to its own props, its
// view found in the registry by the node's wire type.

import { useEffect, useReducer, useRef } from "preact/hooks";
import type { ComponentNode } from "./protocol";
import { Elapsed, Spinner, useComponent } from "./block";
import { useDefinition } from "./registry";
import { store, type ScriptStatus } from "./state";

function keyOf(node: ComponentNode): string {
  const key = node.props.key;
  return typeof key === "string" || typeof key === "number" ? `k:${key}` : `i:${node.id}`;
}

export function Node({ node, inRow }: { node: ComponentNode; inRow: boolean }) {
  const { props, progress, error } = useComponent(node.id);
  const def = useDefinition(node.type);
  if (props.visible === false && !def?.renderWhenRemoved) return null;
  if (!def) {
    // Re-rendered when the type is registered later (a custom component's script loading).
    return (
      <div class="ferry-block ferry-unknown" data-testid={node.type} role="note">
        Ferry cannot show a component of type “{String(node.type)}”: this page is older than the server.
      </div>
    );
  }
  const C = def.view;
  const childInRow = def.childrenInRow === true;
  return (
    <C type={node.type} id={node.id} props={props} progress={progress} error={error} inRow={inRow}>
      {node.children ? <Children parent={node.id} nodes={node.children} inRow={childInRow} /> : null}
    </C>
  );
}

/** A layout's children, with the script's spinner or status where the script called it. */
function Children({ parent, nodes, inRow }: { parent: number; nodes: ComponentNode[]; inRow: boolean }) {
  const [, force] = useReducer((n: number) => n + 1, 0);
  const here = statusIn(parent);
  const shown = useRef(here);
  shown.current = here;
  // Re-rendered only when the status comes, goes or moves here, not on every rerun.
  useEffect(() => store.onBusy(() => statusIn(parent) !== shown.current && force(undefined)), [parent]);
  const out = here && here.after === null ? [<InPlaceStatus key="ferry-script-status" status={here} />] : [];
  for (const child of nodes) {
    out.push(<Node key={keyOf(child)} node={child} inRow={inRow} />);
    if (here && here.after === child.id) out.push(<InPlaceStatus key="ferry-script-status" status={here} />);
  }
  return <>{out}</>;
}

/** The script's status when it is shown in layout `parent`. */
function statusIn(parent: number): ScriptStatus | null {
  const status = store.scriptStatus();
  return status !== null && status.parent === parent && store.statusInPlace() ? status : null;
}

/** `ui.spinner` or `ui.status` running: a spinner, the text, and the time taken when asked. */
function InPlaceStatus({ status }: { status: ScriptStatus }) {
  return (
    <div class="ferry-block ferry-script-status" data-testid="script-status" role="status" aria-live="polite">
      <Spinner />
      <span class="ferry-script-status-text">{status.text}</span>
      {status.showTime ? <Elapsed since={status.since} /> : null}
    </div>
  );
}
