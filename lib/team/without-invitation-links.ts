/**
 * Invitation links are bearer credentials: REST answers say whether each email
 * went out but carry no link (docs/decisions/004); the Team tab shows links to
 * the inviter for "Copy link".
 */
export function withoutInvitationLinks(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(withoutInvitationLinks);
  if (!data || typeof data !== "object") return data;
  return Object.fromEntries(
    Object.entries(data)
      .filter(([key]) => key !== "link")
      .map(([key, value]) => [key, withoutInvitationLinks(value)]),
  );
}
