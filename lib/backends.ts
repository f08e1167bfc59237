/**
 * The backends the console watches, for browser code that must not pull zod (and the
 * response schemas) into every page's bundle: the app shell shows one dot per backend.
 */
export const backendNames = ["kafka", "mongo", "prometheus"] as const;
export type BackendName = (typeof backendNames)[number];

export const backendLabels: Record<BackendName, string> = {
  kafka: "Kafka",
  mongo: "MongoDB",
  prometheus: "Prometheus",
};
