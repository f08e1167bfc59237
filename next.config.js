/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // kafkajs and the MongoDB driver are Node libraries: load them from node_modules at run time.
  serverExternalPackages: ["kafkajs", "mongodb", "pino", "prom-client", "@node-rs/crc32"],
  typedRoutes: false,
  // A second build beside the usual one (e.g. two checkouts' e2e runs at once) can use its own folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
