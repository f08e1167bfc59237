// `npm run demo`: installs what is missing, brings the stack up with the storefront
// services and a gentle load on them, builds and starts the console, and prints its
// URL. Ctrl-C stops the console; the stack keeps running until `npm run stack -- down`.
import { spawn } from "node:child_process";
import { baseEnv, ensureNodeModules, fail, root, sh, stack } from "./lib.mjs";

const port = process.env.PORT ?? "3000";

ensureNodeModules();
if (stack("install") !== 0) fail("installing the stack failed (see above)");
if (stack("up") !== 0) fail("the stack did not start; `npm run stack -- logs` shows why");
if (stack("up", "services", "loadgen") !== 0) fail("the storefront did not start; `npm run stack -- logs accounts orders fulfillment` shows why");
console.log("▸ next build");
if (sh("npx", ["next", "build"]) !== 0) fail("the console did not build");

const consoleProcess = spawn("npx", ["next", "start", "-p", port], { cwd: root, stdio: ["ignore", "pipe", "inherit"], env: baseEnv });
consoleProcess.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (String(chunk).includes("Ready")) {
    console.log(`\n  Eventdeck is running at http://localhost:${port}\n  Stop the console with Ctrl-C; stop the stack with \`npm run stack -- down\`.\n`);
  }
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => consoleProcess.kill(signal));
consoleProcess.on("exit", (code) => process.exit(code ?? 0));
