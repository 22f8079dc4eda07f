/**
 * Finds secrets in log text: every value the suite was given as a secret, and anything shaped like
 * one of ours (API keys, Stripe keys, signing secrets, invitation and sign-in links, bearer tokens,
 * database URLs with a password). `npm test` runs it over every log the suite wrote and fails on a
 * finding (docs/operations.md, "Logs"). A finding names the file, the line and the kind, never the value.
 */
export interface SecretFinding {
  file: string;
  line: number;
  kind: string;
}

const SHAPES: { kind: string; pattern: RegExp }[] = [
  { kind: "API key", pattern: /obs_live_[A-Za-z0-9]{20,}/ },
  { kind: "Stripe key", pattern: /\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9]{10,}/ },
  { kind: "signing secret", pattern: /whsec_[A-Za-z0-9+/=_-]{16,}/ },
  { kind: "invitation link", pattern: /\/invitations\/[A-Za-z0-9_-]{20,}/ },
  { kind: "sign-in link", pattern: /callback\/[a-z]+\?[^\s"]*token=[A-Za-z0-9%_-]{16,}/ },
  { kind: "bearer token", pattern: /Bearer\s+[A-Za-z0-9._~+/-]{16,}/ },
  { kind: "database password", pattern: /postgres(?:ql)?:\/\/[^\s:@/"]+:(?!\*\*\*@)[^\s@/"]+@/ },
  { kind: "Slack webhook", pattern: /hooks\.slack\.com\/services\/[A-Za-z0-9/]{12,}/ },
];

/** Known secret values shorter than this are not looked for (they would match by chance). */
const MIN_KNOWN_LENGTH = 12;

export function scanForSecrets(file: string, text: string, knownSecrets: readonly string[]): SecretFinding[] {
  const known = knownSecrets.filter((secret) => secret.length >= MIN_KNOWN_LENGTH);
  const findings: SecretFinding[] = [];
  text.split("\n").forEach((content, index) => {
    for (const secret of known) {
      if (content.includes(secret)) findings.push({ file, line: index + 1, kind: "a secret the suite was given" });
    }
    for (const { kind, pattern } of SHAPES) {
      if (pattern.test(content)) findings.push({ file, line: index + 1, kind });
    }
  });
  return findings;
}
