/**
 * Runs once when a server starts (not during `next build`): production refuses
 * to start with a missing or development-only setting, and says which.
 */
export async function register() {
  const { currentProductionConfigProblems } = await import("./lib/config/production-config");
  const problems = currentProductionConfigProblems();
  if (problems.length === 0) return;
  console.error(`Refusing to start in production. Set:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
