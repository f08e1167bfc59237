import { existsSync } from "node:fs";
import { run } from "./proc";

let updated = false;

/** Installs Debian packages whose binary is missing; `apt-get update` runs once, only when needed. */
export function ensureDebianPackage(binary: string, packageName: string): void {
  if (existsSync(binary)) return;
  console.log(`stack: installing ${packageName} from Debian packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (args: string[]) => (sudo.length ? run("sudo", ["apt-get", ...args], { env }) : run("apt-get", args, { env }));
  if (!updated) {
    apt(["update", "-q"]);
    updated = true;
  }
  apt(["install", "-y", "-q", "--no-install-recommends", packageName]);
  if (!existsSync(binary)) throw new Error(`${packageName} installed but ${binary} is missing`);
}
