// Waiting for what a person would wait for.

/**
 * Polls `fn` every 50 ms until it returns a truthy value, and returns that value; fails after
 * `timeout` ms with a message naming `what`.
 */
export async function until(fn, what, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
