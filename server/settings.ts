import "server-only";
import { redactCredentials } from "@/lib/redact";
import type { SettingView } from "@/lib/schemas/settings";
import { fileSettings, getConfig, secretSettings, settingNames } from "./config";

/**
 * The effective configuration for the settings page: every setting with where it came from;
 * secrets only say whether they are set, and credentials in URIs are masked. Nothing here
 * can reveal a password, token or key.
 */
export function describeSettings(env: Record<string, string | undefined> = process.env): SettingView[] {
  const config = getConfig() as Record<string, unknown>;
  return [...settingNames].sort().map((name): SettingView => {
    const fromFile = (fileSettings as readonly string[]).includes(name) && !env[name] && Boolean(env[`${name}_FILE`]);
    const source = fromFile ? "file" : env[name] !== undefined && env[name] !== "" ? "environment" : "default";
    const raw = config[name];
    if (secretSettings.has(name)) return { name, value: raw === undefined ? null : "***", source, secret: true };
    if (raw === undefined) return { name, value: null, source, secret: false };
    const text = Array.isArray(raw) ? raw.map((item) => (typeof item === "object" ? JSON.stringify(item) : String(item))).join(", ") : String(raw);
    return {
      name,
      value: /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || name === "SERVICES" ? redactCredentials(text).replace(/\/\/[^@/,]*@/g, "//***@") : text,
      source,
      secret: false,
    };
  });
}
