import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

// The route handlers under app/, found on disk, so tests that must cover every route
// (authorization, body limits, origin checks) cannot miss a new one.

export const APP_DIR = path.resolve(import.meta.dirname, "../../app");

const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

export async function filesNamed(dir: string, names: RegExp): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && names.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

/** app/(kitchen)/kds/page.tsx → /kds; route groups and the file name drop out. */
export const urlPathOf = (file: string) =>
  "/" +
  path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/");

/** Route params for a call: an order token where one is expected, a fresh UUID for ids. */
export const paramsFor = (urlPath: string) =>
  Object.fromEntries(
    [...urlPath.matchAll(/\[(\.\.\.)?([^\]]+)\]/g)].map(([, rest, name]) => [name, rest ? ["x"] : name === "token" ? "A".repeat(32) : randomUUID()]),
  );

export const concretePath = (urlPath: string) =>
  urlPath.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, rest, name) => (name === "token" ? "A".repeat(32) : rest ? "x" : randomUUID()));

/** Every exported HTTP method of every route.ts under app/. */
export async function listRouteMethods(): Promise<{ file: string; urlPath: string; method: RouteMethod }[]> {
  const routes = await filesNamed(APP_DIR, /^route\.tsx?$/);
  const lists = await Promise.all(
    routes.map(async (file) => {
      const source = await readFile(file, "utf8");
      return ROUTE_METHODS.filter((m) => new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b`).test(source)).map((method) => ({
        file,
        urlPath: urlPathOf(file),
        method,
      }));
    }),
  );
  return lists.flat();
}
