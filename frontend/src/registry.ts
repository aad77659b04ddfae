// Which component types the page can show, and how: each file in components/ registers its own
// type (`register("download_button", { view: DownloadButton })`), so no other module names a
// wire type. App authors register theirs through `window.ferry.register` (custom.tsx).

import type { FunctionComponent } from "preact";
import { useEffect, useReducer } from "preact/hooks";
import type { BlockProps, CommonProps } from "./block";

export interface ComponentDef<P extends CommonProps = CommonProps> {
  /** Renders the component, outermost `<div {...outer(b)}>` included. */
  view: FunctionComponent<BlockProps<P>>;
  /** Its children are laid out side by side (flex items sized by `scale` and `min_width`). */
  childrenInRow?: boolean;
  /** Default `min_width`, in px, inside a row; null: none; absent: 160. */
  minWidth?: number | null;
  /** Rendered even with `visible: false` (a timer keeps ticking). */
  renderWhenRemoved?: boolean;
  /** The prop whose change fires the component's `change` event; absent: `value`. */
  valueProp?: string;
}

const defs = new Map<string, ComponentDef>();
const listeners = new Set<(type: string) => void>();

/** Registers (or replaces) the component of wire type `type`; nodes of that type re-render. */
export function register<P extends CommonProps>(type: string, def: ComponentDef<P>): void {
  defs.set(type, def as unknown as ComponentDef);
  listeners.forEach((fn) => fn(type));
}

export function lookup(type: string): ComponentDef | undefined {
  return defs.get(type);
}

/** The definition of `type`, re-rendering the caller when it is registered (or replaced) later. */
export function useDefinition(type: string): ComponentDef | undefined {
  const [, force] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const fn = (t: string) => t === type && force(undefined);
    listeners.add(fn);
    // Registered between the render and this effect: show it now.
    if (defs.has(type)) force(undefined);
    return () => void listeners.delete(fn);
  }, [type]);
  return defs.get(type);
}
