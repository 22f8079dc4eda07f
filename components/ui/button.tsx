import { Slot } from "@radix-ui/react-slot";
import type { ComponentProps } from "react";
import { cn } from "./class-names";

export const buttonVariants = {
  primary: "bg-brand-600 text-white hover:bg-brand-500",
  secondary:
    "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800",
  ghost: "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
  destructive: "bg-red-600 text-white hover:bg-red-500 dark:bg-red-700 dark:hover:bg-red-600",
  link: "text-brand-600 underline-offset-4 hover:underline dark:text-brand-50",
} as const;

export const buttonSizes = {
  default: "min-h-10 px-4 py-2",
  sm: "min-h-9 px-3 py-1.5",
  icon: "size-10",
  "icon-sm": "size-9",
} as const;

export type ButtonVariant = keyof typeof buttonVariants;
export type ButtonSize = keyof typeof buttonSizes;

export function buttonClassName({
  variant = "primary",
  size = "default",
  className,
}: {
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
}): string {
  return cn(
    "inline-flex shrink-0 items-center justify-center gap-2 rounded-lg text-sm font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-60 [&_svg]:size-4 [&_svg]:shrink-0",
    buttonVariants[variant],
    buttonSizes[size],
    className,
  );
}

/**
 * The button. `asChild` renders its single child (a link, say) with the button's look.
 * Icon-only buttons (`size="icon"`) need an `aria-label`.
 */
export function Button({
  variant,
  size,
  asChild = false,
  className,
  type,
  ...props
}: ComponentProps<"button"> & { variant?: ButtonVariant; size?: ButtonSize; asChild?: boolean }) {
  const Component = asChild ? Slot : "button";
  return (
    <Component
      className={buttonClassName({ variant, size, className })}
      type={asChild ? undefined : (type ?? "button")}
      {...props}
    />
  );
}
