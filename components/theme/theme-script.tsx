/** Sets the theme class before the first paint: the saved choice, else the system's. */
const script = `try{var t=localStorage.getItem("theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

/** `nonce`: this request's CSP nonce (proxy.ts); without it the browser refuses the inline script. */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}
