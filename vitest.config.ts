import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const resolve = {
  alias: {
    "@/": root,
    // `server-only` throws outside a React Server Components build; tests import server modules directly.
    "server-only": fileURLToPath(new URL("./test/support/server-only.ts", import.meta.url)),
  },
};

export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: ["**/*.int.test.ts", "node_modules/**", ".next/**", ".next-*/**", ".stack/**", "e2e/**", "test-results/**"],
          environment: "node",
        },
      },
      {
        resolve,
        test: {
          name: "int",
          // Route handlers are called directly, without a session: sign-in is off unless a test turns it on.
          env: { AUTH: "off" },
          include: ["test/**/*.int.test.ts", "server/**/*.int.test.ts", "services/**/*.int.test.ts"],
          exclude: ["test/cluster/**", "test/demo/**", "node_modules/**"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One real stack: files run one after another so they never compete for it.
          fileParallelism: false,
        },
      },
      {
        resolve,
        test: {
          // `npm run demo` from a restarted stack, as a new user starts it (needs a build or builds one).
          name: "demo",
          include: ["test/demo/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 420_000,
          hookTimeout: 180_000,
        },
      },
      {
        resolve,
        test: {
          name: "cluster",
          env: { AUTH: "off" },
          include: ["test/cluster/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
