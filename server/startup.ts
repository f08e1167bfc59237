import { ConfigError, getConfig } from "./config";

/** Validates the configuration; on a bad value prints one line naming the setting and exits. */
export function validateConfigOrExit(): void {
  try {
    getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`eventdeck: ${error.message}`);
    process.exit(1);
  }
}
