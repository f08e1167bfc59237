/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // kafkajs and the MongoDB driver are Node libraries: load them from node_modules at run time.
  serverExternalPackages: ["kafkajs", "mongodb", "pino", "prom-client"],
  typedRoutes: false,
};

export default nextConfig;
