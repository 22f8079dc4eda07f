import type { MemberActionKind } from "./member-actions-menu";

export interface MemberConfirmation {
  title: string;
  description: string;
  confirmLabel: string;
  destructive: boolean;
  /** Shown when the server agreed. */
  done: string;
}

/** The question asked before each member action (reactivating needs none). */
export function memberConfirmation(kind: Exclude<MemberActionKind, "reactivate">, name: string): MemberConfirmation {
  switch (kind) {
    case "deactivate":
      return {
        title: `Deactivate ${name}?`,
        description: "They lose access at once and keep their place and role; you can reactivate them later.",
        confirmLabel: "Deactivate",
        destructive: true,
        done: `${name} deactivated`,
      };
    case "transfer":
      return {
        title: `Make ${name} the owner?`,
        description: "They become an owner and you become an admin. Only an owner can undo this.",
        confirmLabel: "Transfer ownership",
        destructive: false,
        done: `${name} is now the owner`,
      };
    case "remove":
      return {
        title: `Remove ${name}?`,
        description: "They lose access at once. You can restore them from Removed members.",
        confirmLabel: "Remove member",
        destructive: true,
        done: `${name} removed`,
      };
  }
}
