// Renders the layout tree: one `Node` per component, each subscribed to its own props, its
// view found in the registry by the node's wire type.

import type { ComponentNode } from "./protocol";
import { useComponent } from "./block";
import { useDefinition } from "./registry";

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
      {node.children?.map((child) => <Node key={keyOf(child)} node={child} inRow={childInRow} />)}
    </C>
  );
}
