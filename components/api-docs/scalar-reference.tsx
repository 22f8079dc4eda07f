"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";
import { useState } from "react";
import { scalarConfiguration } from "./scalar-configuration";

/** Scalar's reference, in the app's light or dark theme. Client-only: see api-reference.tsx. */
export default function ScalarReference() {
  // One configuration object for the component's life: Scalar re-applies it whenever it changes.
  const [configuration] = useState(() => scalarConfiguration(document.documentElement.classList.contains("dark")));
  return <ApiReferenceReact configuration={configuration} />;
}
