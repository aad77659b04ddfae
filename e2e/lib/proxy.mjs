// A pass-through HTTP proxy on 127.0.0.1 that can cut the page's stream connections, as a
// network blip would: `cut(ms)` closes every open stream and holds reconnections for `ms`.

import { createServer, request } from "node:http";

/** Starts a proxy in front of `target` (`http://127.0.0.1:PORT`); returns `{ url, cut, close }`. */
export async function startProxy(target) {
  const upstream = new URL(target);
  const streams = new Set();
  let heldUntil = 0;
  const server = createServer((req, res) => {
    const isStream = req.url.includes("/api/stream/");
    const forward = () => {
      const up = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
        },
      );
      up.on("error", () => res.destroy());
      req.pipe(up);
      if (isStream) {
        const pair = { req, res, up };
        streams.add(pair);
        res.on("close", () => {
          streams.delete(pair);
          up.destroy();
        });
      }
    };
    const wait = isStream ? heldUntil - Date.now() : 0;
    if (wait > 0) setTimeout(forward, wait);
    else forward();
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Closes the open streams and delays their reconnections by `ms`; returns how many it cut. */
    cut(ms) {
      heldUntil = Date.now() + ms;
      const n = streams.size;
      for (const { res, up } of streams) {
        up.destroy();
        res.destroy();
      }
      return n;
    },
    close: () => new Promise((ok) => {
      server.closeAllConnections();
      server.close(ok);
    }),
  };
}
