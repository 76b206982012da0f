import { existsSync } from "node:fs";
import type { KnipConfig } from "knip";

// `npm run lint` runs knip after ESLint: no unused files, exports, types or dependencies.
// Found by its plugins without help: Next.js (app/, proxy.ts, instrumentation.ts,
// next.config.js), vitest (the vitest.config.ts projects: *.test.ts beside the code and
// in tests/**), Playwright (playwright.config.ts: e2e/, its globalSetup and the launcher
// it starts), ESLint, PostCSS, Prisma; and the package.json scripts (worker/main.ts,
// scripts/*.ts, scripts/stack.ts, bench/run.ts, bench/lighthouse.ts).

/** `npm run typecheck` and `npm run lint` need no infra install (`npm test` installs it
 * later, in test:infra). Without infra/node_modules knip cannot tell that infra's `cdk`
 * binary comes from its aws-cdk devDependency, so only then is that pair excused. */
const infraInstalled = existsSync(new URL("infra/node_modules/aws-cdk/package.json", import.meta.url));

const config: KnipConfig = {
  workspaces: {
    ".": {
      entry: [
        // Started as processes (`node --import tsx <file>`) by other bench files, never
        // imported: bench/order-api.ts spawns baseline-server.ts, bench/drain.ts
        // drain-baseline.ts, bench/stack.ts infra-process.ts.
        "bench/baseline-server.ts",
        "bench/drain-baseline.ts",
        "bench/infra-process.ts",
        // Preloaded into the web server with `node --import` (PEER_ADDRESS_FLAGS in
        // scripts/stack/peer-address.ts) by the launcher and the security suite.
        "scripts/stack/peer-address.mjs",
        // Scripts run by hand, documented in their headers (time-to-serve also in the README).
        "scripts/render-icons.ts",
        "scripts/time-to-serve.ts",
        "scripts/order-path-files.ts",
        // The service worker: the browser loads it (components/pwa/register-service-worker.tsx).
        "public/sw.js",
      ],
      playwright: {
        // `npm run screenshots` uses a second config (testDir scripts/screenshots).
        config: ["playwright.config.ts", "playwright.screenshots.config.ts"],
      },
      // Used by path, not imported: app/layout.tsx loads
      // node_modules/@fontsource-variable/inter/files/*.woff2 with next/font/local.
      ignoreDependencies: ["@fontsource-variable/inter"],
    },
    // The AWS CDK app is its own package (own package.json, lock file and node_modules),
    // so aws-cdk-lib and constructs are its dependencies, not the root's. Its tests run
    // under the root's vitest (the "infra" project), hence listed here.
    infra: {
      // cdk.json: "app": "node --import tsx bin/brewline.ts".
      entry: ["bin/brewline.ts", "test/**/*.test.ts"],
      project: ["bin/**/*.ts", "lib/**/*.ts", "test/**/*.ts"],
      ...(infraInstalled ? {} : { ignoreBinaries: ["cdk"], ignoreDependencies: ["aws-cdk"] }),
    },
  },
};

export default config;
