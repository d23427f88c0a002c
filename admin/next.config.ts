import type { NextConfig } from 'next';

/**
 * One app, two ways to run (ADR 0024): by default a static export into
 * `out/` that the core serves from its own port; with MCPIST_UI_TARGET=vercel
 * a regular Next build for Vercel, where `proxy.ts` guards admin routes.
 */
const vercel = process.env.MCPIST_UI_TARGET === 'vercel' || process.env.VERCEL === '1';

const config: NextConfig = {
  ...(vercel ? {} : { output: 'export' as const }),
  // Server-only routes (the Supabase callback) are `*.vercel.ts`: part of the Vercel build, unseen by the export.
  pageExtensions: vercel ? ['vercel.ts', 'tsx', 'ts'] : ['tsx', 'ts'],
  reactStrictMode: true,
  poweredByHeader: false,
  images: { unoptimized: true },
  // Type-checked by the workspace's own `tsc -p admin` (TypeScript 7 has no JS API for Next to call).
  typescript: { ignoreBuildErrors: true },
  ...(vercel && process.env.MCPIST_API_URL
    ? { rewrites: async () => [{ source: '/api/:path*', destination: `${process.env.MCPIST_API_URL}/api/:path*` }] }
    : {}),
};

export default config;
