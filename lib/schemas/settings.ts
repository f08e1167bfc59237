export interface SettingView {
  name: string;
  /** The value as the console uses it; "***" for secrets that are set, null when unset. */
  value: string | null;
  source: "environment" | "file" | "default";
  secret: boolean;
}
