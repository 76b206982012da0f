import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Node flags that make a web server with no proxy in front read the client's address
 * from the socket (see peer-address.mjs); the preload does nothing unless
 * TRUSTED_PROXY_HOPS is 0 in the server's environment.
 */
export const PEER_ADDRESS_FLAGS = ["--import", pathToFileURL(path.join(import.meta.dirname, "peer-address.mjs")).href];
