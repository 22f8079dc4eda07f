/** Joins class names, skipping empty values (the shadcn/ui `cn`, without conflict merging). */
export function cn(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}
