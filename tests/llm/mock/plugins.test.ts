import { afterEach, describe, expect, it } from "vitest";
import { startMockServer, compilePattern, defaultRoutes, type MockRoute, type MockServer } from "../../../lib/llm/mock/index";

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("compilePattern", () => {
  it("matches literal segments, :params and a final *", () => {
    expect(compilePattern("/v1/files/:id")("/v1/files/file-1")).toEqual({ id: "file-1" });
    expect(compilePattern("/v1/files/:id")("/v1/files/a%2Fb")).toEqual({ id: "a/b" });
    expect(compilePattern("/v1/files/:id")("/v1/files")).toBeUndefined();
    expect(compilePattern("/v1/files/:id")("/v1/files/a/content")).toBeUndefined();
    expect(compilePattern("/v1/files/:id/content")("/v1/files/a/content")).toEqual({ id: "a" });
    expect(compilePattern("/upload/*")("/upload/x/y")).toEqual({ "*": "x/y" });
    expect(compilePattern("/upload/*")("/upload")).toEqual({ "*": "" });
  });
});

/** A tiny stateful plugin in the style of Together's files flow. */
function filesPlugin(): MockRoute[] {
  const files = new Map<string, { bytes: number; name: string; purpose: string }>();
  let next = 1;
  return [
    {
      method: "POST",
      path: "/v1/files",
      handler(req, res) {
        const id = "file-" + next++;
        files.set(id, { bytes: -1, name: req.query.file_name, purpose: req.query.purpose });
        res.redirect("/upload/" + id, 302, { "x-together-file-id": id });
      },
    },
    {
      method: "PUT",
      path: "/upload/:id",
      handler(req, res) {
        const f = files.get(req.params.id);
        if (!f) return res.error(404, "no file " + req.params.id, "invalid_request_error", "not_found");
        f.bytes = req.raw.length;
        res.json(200, { ok: true, contentType: req.contentType ?? null });
      },
    },
    {
      method: "GET",
      path: "/v1/files/:id",
      handler(req, res) {
        const f = files.get(req.params.id);
        if (!f) return res.error(404, "no file " + req.params.id, "invalid_request_error", "not_found");
        res.json(200, { id: req.params.id, object: "file", ...f, authorized: req.authorized });
      },
    },
    { method: "POST", path: "/v1/chat/completions", handler: (req) => (req.json as { model: string }).model !== "blocked" ? false : undefined },
    {
      method: "POST",
      path: "/v1/boom",
      handler() {
        throw new Error("kaput");
      },
    },
  ];
}

describe("route plugins", () => {
  it("run a stateful flow with redirect, raw PUT bytes, params and query", async () => {
    const s = await startMockServer({ routes: filesPlugin() });
    servers.push(s);
    const post = await fetch(s.url + "/files?file_name=train.jsonl&purpose=fine-tune", { method: "POST", redirect: "manual", headers: { authorization: "Bearer sk-secret-secret-secret" } });
    expect(post.status).toBe(302);
    const id = post.headers.get("x-together-file-id")!;
    expect(post.headers.get("location")).toBe(s.url.replace(/\/v1$/, "") + "/upload/" + id);
    const put = await fetch(post.headers.get("location")!, { method: "PUT", body: Buffer.from([1, 2, 3, 4, 5]), headers: { "content-type": "application/octet-stream" } });
    expect(await put.json()).toEqual({ ok: true, contentType: "application/octet-stream" });
    const got = await (await fetch(s.url + "/files/" + id, { headers: { authorization: "Bearer x" } })).json();
    expect(got).toEqual({ id, object: "file", bytes: 5, name: "train.jsonl", purpose: "fine-tune", authorized: true });
    expect((await fetch(s.url + "/files/nope")).status).toBe(404);
    expect(s.requests.map((e) => [e.method, e.path, e.status])).toEqual([
      ["POST", "/v1/files", 302],
      ["PUT", "/upload/" + id, 200],
      ["GET", "/v1/files/" + id, 200],
      ["GET", "/v1/files/nope", 404],
    ]);
    expect(s.requests[1].body).toBeUndefined();
    expect(JSON.stringify(s.requests)).not.toContain("sk-secret");
  });

  it("fall through with false, report thrown errors and silent handlers as 500", async () => {
    const s = await startMockServer({ routes: filesPlugin() });
    servers.push(s);
    const chat = (model: string) => fetch(s.url + "/chat/completions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model, messages: [{ role: "user", content: "x" }] }) });
    expect((await chat("simulated/generic")).status).toBe(200);
    const blocked = await chat("blocked");
    expect(blocked.status).toBe(500);
    expect((await blocked.json()).error.message).toMatch(/did not respond/);
    const boom = await fetch(s.url + "/boom", { method: "POST" });
    expect(boom.status).toBe(500);
    expect(await boom.json()).toMatchObject({ error: { type: "server_error", message: expect.stringContaining("kaput") } });
  });

  it("defaultRoutes() gives a fresh list each call", () => {
    const a = defaultRoutes();
    const b = defaultRoutes();
    expect(Array.isArray(a)).toBe(true);
    expect(a).not.toBe(b);
  });
});
