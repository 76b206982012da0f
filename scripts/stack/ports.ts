import net from "node:net";

// Checked before anything starts, so a second `npm start` (or a leftover server) fails
// in a second with the port's name instead of half-starting and failing later.

function tryListen(port: number, host: string): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** Free on every local address: "::" covers IPv4 too on a dual-stack host. */
async function isPortFree(port: number): Promise<boolean> {
  let error = await tryListen(port, "::");
  if (error && (error.code === "EAFNOSUPPORT" || error.code === "EADDRNOTAVAIL")) error = await tryListen(port, "0.0.0.0");
  if (!error) return true;
  if (error.code === "EADDRINUSE" || error.code === "EACCES") return false;
  throw error;
}

export async function findTakenPorts<T extends { port: number }>(wanted: T[]): Promise<T[]> {
  const free = await Promise.all(wanted.map((w) => isPortFree(w.port)));
  return wanted.filter((_, i) => !free[i]);
}
