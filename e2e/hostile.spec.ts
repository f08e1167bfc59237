import { expect, test } from "./fixtures";

// What only a running server can show: its HTTP layer refusing oversized requests cleanly.
test("a request with 10 MB of headers gets a clean 431 and the console keeps answering", async ({ request }) => {
  const response = await request.get("/api/health", { headers: { "x-padding": "a".repeat(10 * 1024 * 1024) } }).catch((error: Error) => error);
  // The server answers 431 or closes the connection; it never answers 5xx.
  if (!(response instanceof Error)) expect(response.status()).toBe(431);
  expect((await request.get("/api/health")).status()).toBe(200);
});

test("security headers: CSP without unsafe-eval, no framing, no sniffing, a referrer policy", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
});

test("a change without the CSRF header is refused even with a valid session", async ({ request }) => {
  const response = await request.post("/api/kafka/topics", { data: { name: "e2e-csrf-refused", partitions: 1 } });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.message).toContain("x-eventdeck-csrf");
});
