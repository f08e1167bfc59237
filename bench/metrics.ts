import { chromium } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { csrfHeader } from "../lib/auth";
import { stackAddresses } from "../test/support/stack";
import { median, timed } from "./kafka-fixture";

interface PanelAnswer {
  id: string;
  step: number;
  query: string;
  series: Array<{ points: unknown[] }>;
  error?: { message: string };
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const consoleUrl = process.env.BENCH_CONSOLE_URL ?? "http://127.0.0.1:3000";

/**
 * The System overview's data for a 6 h range through the panels API (in process: validation,
 * step choice, interpolation, one query_range per panel, reshaping) against the very same
 * query_range calls sent straight to Prometheus and parsed. Alternating rounds; medians.
 * Then, with a console running, the page's time to all panels drawn in Chromium and the
 * first-load JS of each metrics route.
 */
export async function benchMetrics() {
  process.env.PROMETHEUS_URL ??= stackAddresses.prometheusUrl;
  process.env.BACKEND_TIMEOUT_MS ??= "20000";
  const panelsRoute = await import("../app/api/prometheus/panels/route");
  let lastAnswer: { start: number; end: number; panels: PanelAnswer[] } | undefined;
  const ours = async () => {
    const request = new Request("http://localhost/api/prometheus/panels", {
      method: "POST",
      // POST /api/prometheus/panels goes through the same CSRF check as every POST.
      headers: { "content-type": "application/json", origin: "http://localhost", [csrfHeader]: "1" },
      body: JSON.stringify({ dashboard: "system-overview", range: { last: "6h" }, width: 1200 }),
    });
    const response = await panelsRoute.POST(request, undefined as never);
    if (response.status !== 200) throw new Error(`panels API answered ${response.status}`);
    lastAnswer = (await response.json()) as typeof lastAnswer;
  };
  // The peer replays exactly what our API asked Prometheus for (queries, aligned ranges, steps).
  const raw = async () => {
    const answer = lastAnswer!;
    await Promise.all(
      answer.panels.map(async (panel) => {
        const end = Math.floor(answer.end / panel.step) * panel.step;
        const start = Math.max(Math.floor(answer.start / panel.step) * panel.step, end - panel.step * 999);
        const url = new URL("/api/v1/query_range", stackAddresses.prometheusUrl);
        url.search = new URLSearchParams({ query: panel.query, start: String(start), end: String(end), step: String(panel.step) }).toString();
        const body = (await (await fetch(url)).json()) as { status: string };
        if (body.status !== "success") throw new Error(`Prometheus refused ${panel.id}`);
      }),
    );
  };

  await ours();
  await raw(); // warm both paths
  const oursMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    oursMs.push(await timed(ours));
    rawMs.push(await timed(raw));
  }
  const panels = lastAnswer!.panels;
  const maxPoints = Math.max(0, ...panels.flatMap((p) => p.series.map((s) => s.points.length)));
  const seriesCount = panels.reduce((n, p) => n + p.series.length, 0);
  const failed = panels.filter((p) => p.error).map((p) => `${p.id}: ${p.error!.message}`);
  console.error(
    `bench: System overview 6h: ${panels.length} panels, ${seriesCount} series, at most ${maxPoints} points per series; steps ${[...new Set(panels.map((p) => p.step))].join("/")} s${failed.length ? `; failed panels: ${failed.join("; ")}` : ""}`,
  );
  console.error(`bench: panels API ${median(oursMs).toFixed(1)} ms, raw Prometheus ${median(rawMs).toFixed(1)} ms (medians of ${rounds})`);

  const browser = await browserFigures();
  return {
    bench: "metrics",
    unit: "ms",
    ours: Number(median(oursMs).toFixed(1)),
    oursDoes:
      "the panels route handler in process: POST /api/prometheus/panels {dashboard: system-overview, range: last 6h, width: 1200} — validation, step choice, interpolation, one query_range per panel to Prometheus at once, reshaping into series",
    peer: "the same query_range calls sent straight to Prometheus (System overview, 6h, all panels at once)",
    peerDoes: "the very query_range calls our answer made (same queries, aligned ranges and steps), all at once with fetch, each JSON parsed",
    peerValue: Number(median(rawMs).toFixed(1)),
    ratio: Number((median(oursMs) / median(rawMs)).toFixed(2)),
    n: rounds,
    warmup: 1,
    panels: panels.length,
    series: seriesCount,
    maxPointsPerSeries: maxPoints,
    ...browser,
  };
}

/** Time to all panels drawn and first-load JS per route, from a console at BENCH_CONSOLE_URL; nothing without one. */
async function browserFigures(): Promise<Record<string, unknown>> {
  const up = await fetch(`${consoleUrl}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (!up) {
    console.error(`bench: no console at ${consoleUrl}; the page render time and first-load JS are left out`);
    return { browser: `no console at ${consoleUrl}` };
  }
  const firstLoadKb: Record<string, number> = {};
  for (const route of ["/metrics", "/metrics/system-overview", "/metrics/explore"]) firstLoadKb[route] = await firstLoadJsKb(route);
  console.error(
    `bench: first-load JS (gzip): ${Object.entries(firstLoadKb)
      .map(([r, kb]) => `${r} ${kb} KB`)
      .join(", ")}`,
  );

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await page.goto(`${consoleUrl}/metrics/system-overview?range=6h`);
      await page.locator('[data-testid="panel"]').first().waitFor();
      await page.waitForFunction(
        () => {
          const panels = [...document.querySelectorAll('[data-testid="panel"]')];
          return panels.length > 0 && panels.every((p) => p.getAttribute("data-state") !== "loading");
        },
        undefined,
        { timeout: 60_000 },
      );
      times.push(performance.now() - started);
    }
    const ms = Math.round(median(times));
    console.error(`bench: System overview (6h) drawn all panels in ${ms} ms in Chromium (median of 5, navigation included)`);
    return { pageAllPanelsMs: ms, firstLoadJsGzipKb: firstLoadKb };
  } finally {
    await browser.close();
  }
}

/**
 * Gzipped size in KB of every script a route's HTML loads before any interaction. Scripts marked
 * `nomodule` (Next.js's legacy polyfills, 39 KB) are left out: browsers with ES modules — every
 * browser Next.js supports — neither download nor run them (checked in Chromium).
 */
async function firstLoadJsKb(route: string): Promise<number> {
  const html = await (await fetch(`${consoleUrl}${route}`)).text();
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)].filter((m) => !/\snomodule\b/i.test(m[0]));
  const sources = [...new Set(tags.map((m) => m[1]!))];
  let bytes = 0;
  for (const src of sources) bytes += gzipSync(Buffer.from(await (await fetch(new URL(src, consoleUrl))).arrayBuffer())).length;
  return Math.round(bytes / 102.4) / 10;
}
