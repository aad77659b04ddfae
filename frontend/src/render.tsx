// Renders the layout tree: one `Node` per component, each subscribed to its own props.

import type { FunctionComponent } from "preact";
import type { ComponentNode, ComponentType } from "./api";
import { useComponent, type BlockProps } from "./block";
import { Button } from "./components/button";
import { Column } from "./components/column";
import { DownloadButton } from "./components/download_button";
import { Group } from "./components/group";
import { Markdown } from "./components/markdown";
import { Row } from "./components/row";
import { Textbox } from "./components/textbox";
import { Timer } from "./components/timer";
import { UploadButton } from "./components/upload_button";

// Each component narrows `props` to its own wire type; the store holds them untyped.
const COMPONENTS = {
  markdown: Markdown,
  button: Button,
  textbox: Textbox,
  download_button: DownloadButton,
  upload_button: UploadButton,
  timer: Timer,
  row: Row,
  column: Column,
  group: Group,
} as unknown as Record<ComponentType, FunctionComponent<BlockProps>>;

function keyOf(node: ComponentNode): string {
  const key = node.props.key;
  return typeof key === "string" || typeof key === "number" ? `k:${key}` : `i:${node.id}`;
}

export function Node({ node, inRow }: { node: ComponentNode; inRow: boolean }) {
  const { props, progress, error } = useComponent(node.id);
  // A timer renders nothing anyway and keeps ticking whatever `visible` says.
  if (props.visible === false && node.type !== "timer") return null;
  const C = Object.prototype.hasOwnProperty.call(COMPONENTS, node.type) ? COMPONENTS[node.type] : undefined;
  if (!C) {
    return (
      <div class="ferry-block ferry-unknown" data-testid={node.type} role="note">
        Ferry cannot show a component of type “{String(node.type)}”: this page is older than the server.
      </div>
    );
  }
  const childInRow = node.type === "row";
  return (
    <C id={node.id} props={props} progress={progress} error={error} inRow={inRow}>
      {node.children?.map((child) => <Node key={keyOf(child)} node={child} inRow={childInRow} />)}
    </C>
  );
}
