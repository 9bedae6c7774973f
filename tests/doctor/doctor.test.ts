import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../lib/llm/mock/index";
import { createTogetherMock } from "../../lib/together/mock-routes";
import { TogetherHttp } from "../../lib/together/http";
import { createEndpoint } from "../../lib/together/endpoints/api";
import { listHardware } from "../../lib/together/endpoints/api";
import { jsonLines, runCli } from "../helpers/cli";
import type { CheckResult } from "../../lib/doctor/index";

const KEY = "tgp_v1_doctorFakeKey_9f8e7d6c5b4a";
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ routes: createTogetherMock().routes });
});
afterAll(async () => server.close());

describe("evalbook doctor", () => {
  it("reports keys as set without printing them, and lists endpoints left running with their cost", async () => {
    const http = new TogetherHttp({ baseURL: server.url, env: {}, maxRetries: 0 });
    const [hw] = await listHardware(http);
    const ep = await createEndpoint(http, { model: "simulated/generic", hardware: hw.id });
    const r = await runCli(["doctor"], { env: { TOGETHER_API_KEY: KEY, TOGETHER_BASE_URL: server.url, OPENAI_API_KEY: "" } });
    expect(r.stdout + r.stderr).not.toContain(KEY);
    const results = jsonLines(r.stdout) as CheckResult[];
    expect(results.find((c) => c.detail === "TOGETHER_API_KEY is set")?.status).toBe("ok");
    expect(results.find((c) => c.detail.startsWith("OPENAI_API_KEY is not set"))?.status).toBe("info");
    const eps = results.find((c) => c.check === "endpoints")!;
    expect(eps.status).toBe("warn");
    expect(eps.detail).toContain(ep.id);
    expect(eps.detail).toMatch(/about \$\d+\.\d\d\/hour/);
    expect(eps.fix).toContain("evalbook together endpoints stop");
    for (const name of ["node", "npm", "package", "fonts", "disk", "shared-data"]) expect(results.some((c) => c.check === name)).toBe(true);
  });

  it("fails on an invalid project config, naming the file", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-doctor-"));
    // A throwaway project root: package.json named evalbook + a broken config.
    fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "evalbook", engines: { node: ">=20.19" } }));
    fs.writeFileSync(path.join(root, "evalbook.config.json"), '{"roles": {"judge": 42}}');
    const r = await runCli(["doctor", "--offline"], { cwd: root });
    const results = jsonLines(r.stdout) as CheckResult[];
    const cfg = results.find((c) => c.check === "config")!;
    expect(cfg.status).toBe("fail");
    expect(cfg.detail).toContain("evalbook.config.json");
    expect(r.code).toBe(1);
  });
});
