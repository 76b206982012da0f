// Preloaded into the web server (`node --import …/peer-address.mjs next start`) when no
// proxy stands in front of it (TRUSTED_PROXY_HOPS=0: the one-box café, a laptop).
// Next.js fills X-Forwarded-For from the socket only when a request has none, so a
// client could otherwise name any address and reset the per-address limits with one
// header. Here every forwarding header a client sent is dropped and X-Forwarded-For is
// the TCP peer, as a real proxy would have written it. Plain JS: the web runs without tsx.
import http from "node:http";

const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

if (process.env.TRUSTED_PROXY_HOPS === "0") {
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitWithPeerAddress(event, ...args) {
    if (event === "request") {
      const request = args[0];
      for (const name of FORWARDING_HEADERS) delete request.headers[name];
      request.headers["x-forwarded-for"] = request.socket?.remoteAddress ?? "unknown";
    }
    return emit.call(this, event, ...args);
  };
}
