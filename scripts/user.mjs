/**
 * Local users of the console (AUTH=local), kept in AUTH_USERS_FILE (default .eventdeck/users.json)
 * with argon2id password hashes:
 *   npm run user -- add <name> <viewer|operator|admin>   asks for the password (or reads it from stdin)
 *   npm run user -- remove <name>
 *   npm run user -- list
 *   npm run user -- hash                                  prints the hash of a password read from stdin
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { hash } from "@node-rs/argon2";

const roles = ["viewer", "operator", "admin"];
const file = resolve(process.env.AUTH_USERS_FILE || ".eventdeck/users.json");
const [command, name, role] = process.argv.slice(2);

function fail(message) {
  console.error(`user: ${message}`);
  process.exit(1);
}

function load() {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : { users: [] };
}

function save(data) {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
}

/** A password from the terminal (not echoed) or from the first line of stdin. */
async function readPassword(prompt) {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    fail("no password on stdin");
  }
  process.stdout.write(prompt);
  process.stdin.setRawMode(true);
  let password = "";
  for await (const chunk of process.stdin) {
    for (const char of String(chunk)) {
      if (char === "\r" || char === "\n") {
        process.stdin.setRawMode(false);
        process.stdout.write("\n");
        process.stdin.pause();
        return password;
      }
      if (char === "\u0003") process.exit(130);
      password = char === "\u007f" ? password.slice(0, -1) : password + char;
    }
  }
  return password;
}

if (command === "hash") {
  console.log(await hash(await readPassword("Password: ")));
} else if (command === "list") {
  for (const user of load().users) console.log(`${user.username}\t${user.role}`);
} else if (command === "add") {
  if (!name || !/^[A-Za-z0-9._@-]{1,64}$/.test(name)) fail("add <name> <role>: the name uses letters, digits and . _ @ - (at most 64)");
  if (!roles.includes(role)) fail(`add <name> <role>: the role is one of ${roles.join(", ")}`);
  const password = await readPassword(`Password for ${name}: `);
  if (password.length < 12) fail("use a password of at least 12 characters");
  const data = load();
  data.users = [...data.users.filter((u) => u.username !== name), { username: name, role, passwordHash: await hash(password) }];
  save(data);
  console.log(`user: ${name} (${role}) saved in ${file}`);
} else if (command === "remove") {
  const data = load();
  const before = data.users.length;
  data.users = data.users.filter((u) => u.username !== name);
  if (data.users.length === before) fail(`no user ${name} in ${file}`);
  save(data);
  console.log(`user: ${name} removed from ${file}`);
} else {
  fail("usage: npm run user -- add <name> <viewer|operator|admin> | remove <name> | list | hash");
}
