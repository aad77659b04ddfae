// `timer`: renders nothing; while active, fires `tick` every `value` seconds, unless the server
// ticks it (`on_server`), whose results come on the session's stream.

import { useEffect } from "preact/hooks";
import type { BlockProps, CommonProps } from "../block";
import { register } from "../registry";
import { store } from "../state";

export interface TimerProps extends CommonProps {
  /** Seconds between ticks. */
  value?: number;
  active?: boolean;
  /** The server ticks this timer: the page must not. */
  on_server?: boolean;
}

/** Shortest period honoured, in seconds (a 0 or negative value stops the timer). */
const MIN_PERIOD_S = 0.01;

export function Timer(b: BlockProps<TimerProps>) {
  const period = typeof b.props.value === "number" ? b.props.value : 1;
  const active = b.props.active !== false && period > 0 && b.props.on_server !== true;
  useEffect(() => {
    if (!active) return;
    const t = window.setInterval(() => store.fire(b.id, "tick"), Math.max(period, MIN_PERIOD_S) * 1000);
    return () => window.clearInterval(t);
  }, [b.id, active, period]);
  return null;
}

// Renders nothing anyway, and keeps ticking whatever `visible` says.
register("timer", { view: Timer, renderWhenRemoved: true });
