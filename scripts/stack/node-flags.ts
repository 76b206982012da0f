/**
 * Node flags for the production web server. A bigger young generation (64 MB semi-spaces
 * instead of 16 MB) lets the many short-lived objects of each request die in cheap
 * scavenges instead of being promoted: measured about 10% more orders/s on the order
 * API (see docs/BENCHMARKS.md). The bench runs its baseline server with the same flags,
 * and the Dockerfile's web command repeats them.
 */
export const WEB_NODE_FLAGS = ["--max-semi-space-size=64"];
