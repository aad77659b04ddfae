// The public API for components written by app authors, without Preact:
//
//   window.ferry.register("stars", {
//     render(el, props, ctx) {            // on mount and whenever the props change
//       el.textContent = "★".repeat(Number(props.value));
//       el.onclick = () => ctx.setValue(Number(props.value) + 1);   // stores, fires input + change
//       return () => { el.onclick = null; }; // optional: called before the next render and on unmount
//     },
//   });
//
// Ferry renders the outermost `<div>` (data-testid, id, classes, sizing, progress, errors) and
// hands `render` the element inside it.

import { useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { ErrorMessage, ProgressOverlay, outer, type BlockProps } from "./block";
import { register } from "./registry";
import { store } from "./state";

export interface CustomContext {
  /** The user edited the value: stores it, then fires `input` and `change`. */
  setValue(value: unknown): void;
  /** Fires event `event` of this component (any name the server's dependencies use). */
  fire(event: string): void;
}

export interface CustomComponent {
  render(el: HTMLElement, props: Record<string, unknown>, ctx: CustomContext): void | (() => void);
}

export interface FerryApi {
  register(type: string, component: CustomComponent): void;
  /** The events' `js` functions, by event id: written by the server from the app's own code. */
  events(functions: Record<string, unknown>): void;
}

declare global {
  interface Window {
    ferry?: FerryApi;
  }
}

function viewOf(component: CustomComponent) {
  return function Custom(b: BlockProps) {
    const inner = useRef<HTMLDivElement>(null);
    const [failure, setFailure] = useState<string | undefined>(undefined);
    const ctx = useMemo<CustomContext>(
      () => ({ setValue: (v) => store.userInput(b.id, v), fire: (event) => store.fire(b.id, String(event)) }),
      [b.id],
    );
    useLayoutEffect(() => {
      const el = inner.current;
      if (!el) return;
      let cleanup: void | (() => void);
      try {
        cleanup = component.render(el, { ...b.props }, ctx);
        setFailure(undefined);
      } catch (err) {
        console.error(`ferry: the ${b.type} component failed to render`, err);
        setFailure(`This component failed to render: ${err instanceof Error ? err.message : String(err)}`);
      }
      return () => {
        try {
          if (typeof cleanup === "function") cleanup();
        } catch (err) {
          console.error(`ferry: the ${b.type} component failed to clean up`, err);
        }
      };
    }, [b.props, ctx]);
    return (
      <div {...outer(b, "ferry-custom")}>
        <div class="ferry-custom-body" ref={inner} />
        <ProgressOverlay progress={b.progress} />
        <ErrorMessage error={failure ?? b.error} />
      </div>
    );
  };
}

/** Defines `window.ferry` (before any app script that uses it runs: the bundle is the first module script). */
export function installPublicApi(): void {
  const api: FerryApi = {
    register(type, component) {
      if (typeof type !== "string" || !type) throw new TypeError("ferry.register: the type must be a non-empty string");
      if (!component || typeof component.render !== "function") {
        throw new TypeError(`ferry.register("${type}"): the component needs a render(el, props, ctx) function`);
      }
      register(type, { view: viewOf(component) });
    },
    events(functions) {
      for (const [id, fn] of Object.entries(functions)) {
        if (typeof fn === "function") store.setJs(Number(id), fn as (...args: unknown[]) => unknown);
      }
    },
  };
  window.ferry = api;
}
