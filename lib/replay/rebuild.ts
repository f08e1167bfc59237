import type { RebuildSpec } from "@/lib/schemas/replay";

/** The console's page of a read model's collection. */
export const collectionHref = (database: string, collection: string): string => `/mongo/${encodeURIComponent(database)}/${encodeURIComponent(collection)}`;

/**
 * What each step of a rebuild does, by the name the server gives it (server/replay/rebuild.ts);
 * a step this page does not know is shown by its name alone.
 */
const stepExplanations: Record<RebuildSpec["mode"], Record<string, string>> = {
  shadow: {
    "Start a shadow build": "The service creates a new collection and a new consumer group that reads the topic from its earliest offsets.",
    "Catch up": "The console follows the new group until it has read every committed event.",
    "Compare with the live read model": "Counts and SHA-256 hashes of both collections, compared again for up to 10 s while the newest events land.",
    "Swap it in":
      "The service points readers at the new collection in one write; its consumer carries on as the live one, the old collection and group are removed.",
    Verify: "The live read model is counted and hashed once more.",
  },
  "in-place": {
    "Fingerprint the read model": "Counts and hashes the collection as it is now.",
    "Drop and rewind": "The service drops the collection and rewinds its group to the earliest offsets: the read model is empty from here.",
    "Catch up": "The console follows the group until it has read every committed event again.",
    "Compare with before": "Hashes the rebuilt collection and compares it with the fingerprint.",
  },
};

export const stepExplanation = (mode: RebuildSpec["mode"], name: string): string | null => stepExplanations[mode][name] ?? null;

/**
 * The verdict at the start of a compare step's detail: "identical: 6 documents, sha256 …",
 * "identical to before: …", "different: live …; rebuilt …" or (in place) "before: …; after: …".
 */
export function compareVerdict(detail: string | null): { verdict: "identical" | "different"; label: string; rest: string } | null {
  if (!detail) return null;
  const identical = /^(identical(?: to before)?)(:?)(.*)$/s.exec(detail);
  if (identical) return { verdict: "identical", label: identical[1]!, rest: `${identical[2]}${identical[3]}` };
  const different = /^different(:?)(.*)$/s.exec(detail);
  if (different) return { verdict: "different", label: "different", rest: `${different[1]}${different[2]}` };
  if (/^before: .*; after: /s.test(detail)) return { verdict: "different", label: "different", rest: `: ${detail}` };
  return null;
}
