import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".next-e2e/**",
    ".next-bench/**",
    ".next-lighthouse/**",
    ".next-scale/**",
    // Any other build folder (SECURITY_DIST_DIR, one-off builds).
    ".next-*/**",
    "node_modules/**",
    "lib/generated/**",
    ".data/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "infra/node_modules/**",
    "infra/cdk.out/**",
  ]),
]);
