// No 'unsafe-eval' anywhere; inline scripts and styles are Next.js's own bootstrap and style props.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // kafkajs and the MongoDB driver are Node libraries, the codecs native addons or WebAssembly: load them from node_modules at run time.
  serverExternalPackages: [
    "kafkajs",
    "mongodb",
    "pino",
    "prom-client",
    "@node-rs/crc32",
    "@node-rs/argon2",
    "snappy",
    "lz4-napi",
    "@bokuweb/zstd-wasm",
    "fzstd",
  ],
  typedRoutes: false,
  // A second build beside the usual one (e.g. two checkouts' e2e runs at once) can use its own folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          // The dev server evaluates modules with eval(): the policy applies to production builds.
          ...(process.env.NODE_ENV === "production" ? [{ key: "Content-Security-Policy", value: contentSecurityPolicy }] : []),
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
