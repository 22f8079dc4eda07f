import { toast } from "sonner";

/** Copies text; where the browser refuses, shows it in a lasting toast to copy by hand. Returns whether it was copied. */
export async function copyToClipboard(text: string, fallbackTitle = "Copy this link"): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    toast.message(fallbackTitle, { description: text, duration: 60_000 });
    return false;
  }
}
