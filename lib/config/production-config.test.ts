// Production refuses to start without its own settings; development needs none.
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEVELOPMENT_AUTH_SECRET } from "../auth/auth-secret";
import { DEVELOPMENT_CREDENTIALS_KEY } from "../crypto/credentials-key";
import { productionConfigProblems, type ConfigSettings } from "./production-config";

const complete: ConfigSettings = {
  nodeEnv: "production",
  appUrlSet: true,
  authUrl: "https://settings.example.com",
  authSecret: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==",
  credentialsKey: "b3duLWtleS1vd24ta2V5LW93bi1rZXktb3duLWtleSE=",
};

const APP_URL = /^APP_URL /;
const AUTH_URL = /^AUTH_URL /;
const AUTH_SECRET = /^AUTH_SECRET /;
const KEY = /^INTEGRATION_CREDENTIALS_KEY /;

describe("productionConfigProblems", () => {
  const table: [label: string, settings: ConfigSettings, problems: RegExp[]][] = [
    [
      "development with nothing set",
      {
        nodeEnv: "development",
        appUrlSet: false,
        authUrl: undefined,
        authSecret: undefined,
        credentialsKey: undefined,
      },
      [],
    ],
    [
      "test with nothing set",
      { nodeEnv: "test", appUrlSet: false, authUrl: undefined, authSecret: undefined, credentialsKey: undefined },
      [],
    ],
    [
      "development with the development defaults",
      {
        nodeEnv: "development",
        appUrlSet: false,
        authUrl: undefined,
        authSecret: DEVELOPMENT_AUTH_SECRET,
        credentialsKey: DEVELOPMENT_CREDENTIALS_KEY,
      },
      [],
    ],
    ["production, all set", complete, []],
    ["production, APP_URL missing", { ...complete, appUrlSet: false }, [APP_URL]],
    ["production, AUTH_URL missing", { ...complete, authUrl: undefined }, [AUTH_URL]],
    ["production, AUTH_URL empty", { ...complete, authUrl: "" }, [AUTH_URL]],
    ["production, AUTH_SECRET missing", { ...complete, authSecret: undefined }, [AUTH_SECRET]],
    ["production, AUTH_SECRET empty", { ...complete, authSecret: "" }, [AUTH_SECRET]],
    [
      "production, AUTH_SECRET the development one",
      { ...complete, authSecret: DEVELOPMENT_AUTH_SECRET },
      [AUTH_SECRET],
    ],
    ["production, key missing", { ...complete, credentialsKey: undefined }, [KEY]],
    ["production, key blank", { ...complete, credentialsKey: "   " }, [KEY]],
    ["production, key the development one", { ...complete, credentialsKey: DEVELOPMENT_CREDENTIALS_KEY }, [KEY]],
    [
      "production, key the development one with spaces",
      { ...complete, credentialsKey: ` ${DEVELOPMENT_CREDENTIALS_KEY}\n` },
      [KEY],
    ],
    [
      "production, nothing set",
      { nodeEnv: "production", appUrlSet: false, authUrl: undefined, authSecret: undefined, credentialsKey: undefined },
      [APP_URL, AUTH_URL, AUTH_SECRET, KEY],
    ],
    [
      "production, only development defaults",
      {
        nodeEnv: "production",
        appUrlSet: false,
        authUrl: undefined,
        authSecret: DEVELOPMENT_AUTH_SECRET,
        credentialsKey: DEVELOPMENT_CREDENTIALS_KEY,
      },
      [APP_URL, AUTH_URL, AUTH_SECRET, KEY],
    ],
  ];

  it.each(table)("%s", (_label, settings, expected) => {
    const problems = productionConfigProblems(settings);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(problems[i]).toMatch(pattern));
  });

  it("each problem says how to fix it", () => {
    const problems = productionConfigProblems({
      nodeEnv: "production",
      appUrlSet: false,
      authUrl: undefined,
      authSecret: undefined,
      credentialsKey: undefined,
    });
    for (const problem of problems) expect(problem).toMatch(/\(.{10,}\)$/);
  });
});

describe("currentProductionConfigProblems (from the environment)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("production with nothing of its own set names every setting", async () => {
    vi.stubEnv("NODE_ENV", "production");
    for (const name of ["APP_URL", "AUTH_URL", "AUTH_SECRET", "INTEGRATION_CREDENTIALS_KEY"]) vi.stubEnv(name, "");
    vi.resetModules();
    const { currentProductionConfigProblems } = await import("./production-config");
    const problems = currentProductionConfigProblems();
    expect(problems.map((p) => p.split(" ")[0])).toEqual([
      "APP_URL",
      "AUTH_URL",
      "AUTH_SECRET",
      "INTEGRATION_CREDENTIALS_KEY",
    ]);
  });

  it("production with every setting set: no problems", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APP_URL", "https://settings.example.com");
    vi.stubEnv("AUTH_URL", "https://settings.example.com");
    vi.stubEnv("AUTH_SECRET", complete.authSecret!);
    vi.stubEnv("INTEGRATION_CREDENTIALS_KEY", complete.credentialsKey!);
    vi.resetModules();
    const { currentProductionConfigProblems } = await import("./production-config");
    expect(currentProductionConfigProblems()).toEqual([]);
  });

  it("refuseToStartWithoutProductionConfig exits with a message naming the settings", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APP_URL", "https://settings.example.com");
    vi.stubEnv("AUTH_URL", "https://settings.example.com");
    vi.stubEnv("AUTH_SECRET", complete.authSecret!);
    vi.stubEnv("INTEGRATION_CREDENTIALS_KEY", DEVELOPMENT_CREDENTIALS_KEY);
    vi.resetModules();
    const { refuseToStartWithoutProductionConfig } = await import("./production-config");
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      refuseToStartWithoutProductionConfig();
      expect(exit).toHaveBeenCalledWith(1);
      expect(error.mock.calls[0]?.[0]).toMatch(/INTEGRATION_CREDENTIALS_KEY/);
      expect(error.mock.calls[0]?.[0]).not.toMatch(/AUTH_SECRET/);
    } finally {
      exit.mockRestore();
      error.mockRestore();
    }
  });
});
