import { z } from "zod";

export const signInSchema = z
  .object({
    email: z
      .string({ error: "Enter your email address" })
      .trim()
      .toLowerCase()
      .max(320, "That address is too long")
      .pipe(z.email({ error: "Enter a valid email address, like you@example.com" })),
    callbackUrl: z.string().max(2000).optional(),
  })
  .strict();
