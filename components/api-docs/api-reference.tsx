"use client";

import dynamic from "next/dynamic";

/** Scalar renders in the browser only (it reads `window` as it loads); meanwhile, a line saying so. */
const ScalarReference = dynamic(() => import("./scalar-reference"), {
  ssr: false,
  loading: () => (
    <p role="status" className="mx-auto max-w-5xl px-4 py-8 text-sm text-zinc-600 dark:text-zinc-400">
      Loading the API reference…
    </p>
  ),
});

/** The interactive reference of /api/openapi.json (app/docs/api/page.tsx). */
export function ApiReference() {
  return <ScalarReference />;
}
