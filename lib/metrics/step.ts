/** Steps a panel may use, in seconds: round numbers people read on an axis. */
const niceSteps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400];

/** How often the stack's Prometheus scrapes its targets (stack/prometheus.yml). */
export const scrapeIntervalSeconds = 2;

/** The most points one series may carry back to the browser (Grafana's maxDataPoints). */
export const maxPointsPerSeries = 1_000;

/**
 * The step for a range query: the smallest round step that keeps a series under both
 * `maxPoints` and about one point per two pixels of the panel, and never finer than the
 * scrape interval (finer steps only repeat samples).
 */
export function chooseStep(
  rangeSeconds: number,
  widthPx: number,
  { maxPoints = maxPointsPerSeries, minStep = scrapeIntervalSeconds }: { maxPoints?: number; minStep?: number } = {},
): number {
  const points = Math.max(10, Math.min(maxPoints, Math.floor(widthPx / 2)));
  // Prometheus returns floor(range / step) + 1 points: leave room for that extra one.
  const wanted = Math.max(minStep, rangeSeconds / (points - 1));
  return niceSteps.find((step) => step >= wanted) ?? Math.ceil(wanted / 86_400) * 86_400;
}

/** Points Prometheus returns for a range query with this step. */
export function pointsForStep(rangeSeconds: number, stepSeconds: number): number {
  return Math.floor(rangeSeconds / stepSeconds) + 1;
}

/**
 * The window for `rate()` at this step (Grafana's `$__rate_interval`): at least four scrapes,
 * so there are always two samples in it, and at least the step, so no sample is skipped.
 */
export function rateInterval(stepSeconds: number, scrapeSeconds = scrapeIntervalSeconds): number {
  return Math.max(4 * scrapeSeconds, stepSeconds);
}
