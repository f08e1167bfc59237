import { describe, expect, it } from "vitest";
import { escapeRegexValue, formatLegend, histogramQuantileQuery, interpolateQuery, promqlErrorPosition } from "./promql";

describe("histogramQuantileQuery", () => {
  it("sums bucket rates by le and the grouping labels", () => {
    expect(histogramQuantileQuery(0.95, "storefront_http_request_duration_seconds", { by: ["service"], matchers: 'service=~"$service"' })).toBe(
      'histogram_quantile(0.95, sum by (le, service) (rate(storefront_http_request_duration_seconds_bucket{service=~"$service"}[$__rate_interval])))',
    );
  });

  it("accepts the _bucket name, no matchers and a fixed window", () => {
    expect(histogramQuantileQuery(0.5, "x_seconds_bucket", { window: "5m" })).toBe("histogram_quantile(0.5, sum by (le) (rate(x_seconds_bucket[5m])))");
  });

  it("does not repeat le", () => {
    expect(histogramQuantileQuery(0.99, "h", { by: ["le", "route"] })).toContain("sum by (le, route)");
  });

  it("refuses quantiles outside (0, 1)", () => {
    expect(() => histogramQuantileQuery(95, "h")).toThrow(RangeError);
  });
});

describe("interpolateQuery", () => {
  const base = { step: 30, rateInterval: 30, range: 21_600, variables: {} };

  it("replaces the interval macros with Prometheus durations", () => {
    expect(interpolateQuery("rate(x[$__rate_interval]) / $__interval + $__range", { ...base, rateInterval: 120 })).toBe("rate(x[2m]) / 30s + 6h");
  });

  it("turns variables into regex alternations, escaped", () => {
    const query = interpolateQuery('x{service=~"$service", group=~"${group}"}', { ...base, variables: { service: ["orders", "accounts"], group: ["a.b"] } });
    expect(query).toBe('x{service=~"orders|accounts", group=~"a\\\\.b"}');
  });

  it("matches everything when nothing is selected and leaves unknown names alone", () => {
    expect(interpolateQuery('x{a=~"$a"} $other', { ...base, variables: { a: [] } })).toBe('x{a=~".*"} $other');
  });
});

describe("escapeRegexValue", () => {
  it("escapes regex and string specials", () => expect(escapeRegexValue('a"b|c')).toBe('a\\"b\\\\|c'));
});

describe("formatLegend", () => {
  it("fills a template", () => expect(formatLegend("{{topic}} ({{ service }})", { topic: "t", service: "s" })).toBe("t (s)"));
  it("falls back to the series' labels", () => expect(formatLegend(undefined, { __name__: "up", job: "x" })).toBe('up{job="x"}'));
});

describe("promqlErrorPosition", () => {
  it("reads Prometheus's line:column", () => {
    expect(promqlErrorPosition('invalid parameter "query": 1:22: parse error: unexpected end of input')).toEqual({ line: 1, column: 22 });
    expect(promqlErrorPosition("something else")).toBeUndefined();
  });
});
