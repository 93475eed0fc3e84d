// Key hashing and the query cache's rules, through window.arbor's API and the instructions that
// feed it. Each test uses keys of its own: the cache is the module's, shared by the tests.
import assert from "node:assert/strict";
import test from "node:test";
import { arbor } from "../../main/js/arbor.mjs";
import { applyInstructions } from "../../main/js/instructions.mjs";
import { hashKey } from "../../main/js/queries.mjs";
import { documentWith, install } from "./fake-dom.mjs";

/** A dehydrated state of one query, as the server writes it. */
function state(key, status, data, dataUpdatedAt, error) {
  return {
    queries: [{ queryHash: hashKey(key), queryKey: key, state: { status, data, dataUpdatedAt, error } }],
  };
}

function hydrate(dehydrated) {
  applyInstructions([["q", dehydrated]]);
}

/** Whether a promise has settled, and how, once the microtasks queued so far have run. */
async function peek(promise) {
  let result = { status: "pending" };
  promise.then(
    (value) => (result = { status: "fulfilled", value }),
    (reason) => (result = { status: "rejected", reason }));
  await new Promise((resolve) => setImmediate(resolve));
  return result;
}

/** A fake fetch that answers from a queue and records the URLs asked. */
function fakeFetch(...answers) {
  const asked = [];
  globalThis.fetch = async (url) => {
    asked.push(url);
    const [status, body] = answers.shift();
    return {
      ok: status >= 200 && status < 300,
      status,
      json: async () => (typeof body == "string" ? JSON.parse(body) : body),
    };
  };
  return asked;
}

test.beforeEach(() => install(documentWith("")));

// ---- hashKey: TanStack Query's ----

test("hashKey is the key's JSON with plain objects' fields sorted at every depth", () => {
  assert.equal(hashKey(["posts"]), '["posts"]');
  assert.equal(hashKey(["posts", { page: 2, view: "compact" }]), hashKey(["posts", { view: "compact", page: 2 }]));
  assert.equal(hashKey(["a", { z: { y: 1, x: [{ b: 2, a: 1 }] }, c: null }]), '["a",{"c":null,"z":{"x":[{"a":1,"b":2}],"y":1}}]');
  assert.equal(hashKey([1, true, null, "é\u2028"]), '[1,true,null,"é\u2028"]');
});

test("hashKey orders integer-like names first, as any JavaScript object (and TanStack) does", () => {
  assert.equal(hashKey([{ b: 1, 10: 2, a: 3, 2: 4 }]), '[{"2":4,"10":2,"a":3,"b":1}]');
});

test("hashKey sorts only plain objects, drops undefined fields, and writes numbers as JavaScript does", () => {
  class Point {
    constructor() {
      this.y = 1;
      this.x = 2;
    }
  }
  assert.equal(hashKey([new Point()]), '[{"y":1,"x":2}]');
  assert.equal(hashKey([{ b: undefined, a: 1 }]), '[{"a":1}]');
  assert.equal(hashKey([0.0001, 12345678.5, 1e21, 5e-324]), "[0.0001,12345678.5,1e+21,5e-324]");
});

// ---- the cache's rules ----

test("a hydrated success is there at once, and query() answers without a request", async () => {
  const asked = fakeFetch();
  hydrate(state(["r1"], "success", { n: 1 }, 100));
  assert.deepEqual(arbor.getQueryData(["r1"]), { n: 1 });
  assert.deepEqual(await arbor.query(["r1"]), { n: 1 });
  assert.deepEqual(asked, []);
});

test("a pending query's promise waits for its streamed state", async () => {
  hydrate(state(["r2"], "pending", undefined, 0));
  const answer = arbor.query(["r2"]);
  assert.equal((await peek(answer)).status, "pending");
  hydrate(state(["r2"], "success", "late", 200));
  assert.equal(await answer, "late");
});

test("hydration never overwrites newer data", async () => {
  hydrate(state(["r3"], "success", "new", 300));
  hydrate(state(["r3"], "success", "old", 200));
  assert.equal(arbor.getQueryData(["r3"]), "new");
  hydrate(state(["r3"], "success", "same time", 300));
  assert.equal(arbor.getQueryData(["r3"]), "new");
  hydrate(state(["r3"], "success", "newer", 301));
  assert.equal(arbor.getQueryData(["r3"]), "newer");
  assert.equal(await arbor.query(["r3"]), "newer");
});

test("a pending state never replaces a settled one", async () => {
  hydrate(state(["r4"], "success", "data", 100));
  hydrate(state(["r4"], "pending", undefined, 0));
  assert.equal(arbor.getQueryData(["r4"]), "data");
  assert.equal(await arbor.query(["r4"]), "data");
});

test("an error does not replace a success; it rejects a query that had none", async () => {
  hydrate(state(["r5"], "success", "kept", 100));
  hydrate(state(["r5"], "error", undefined, 0, { digest: "d1" }));
  assert.equal(await arbor.query(["r5"]), "kept");

  hydrate(state(["r6"], "pending", undefined, 0));
  const waiting = arbor.query(["r6"]);
  hydrate(state(["r6"], "error", undefined, 0, { digest: "d2" }));
  await assert.rejects(waiting, (e) => e.digest == "d2" && e.message == 'Query ["r6"] failed');
  await assert.rejects(arbor.query(["r6"]), (e) => e.digest == "d2");
  hydrate(state(["r6"], "success", "recovered", 50));
  assert.equal(await arbor.query(["r6"]), "recovered");
});

test("setQueryData writes the cache and tells subscribers; a listener may unsubscribe while told", async () => {
  const seen = [];
  let stopFirst = null;
  stopFirst = arbor.subscribe(["r7"], (data, status) => {
    seen.push(["first", data, status]);
    stopFirst();
  });
  const stopSecond = arbor.subscribe(["r7"], (data, status) => seen.push(["second", data, status]));
  arbor.subscribe(["r7"], (data) => seen.push(["third", data]));
  arbor.setQueryData(["r7"], { v: 1 });
  arbor.setQueryData(["r7"], { v: 2 });
  stopSecond();
  stopSecond(); // twice: no harm to the other listeners
  arbor.setQueryData(["r7"], { v: 3 });
  assert.deepEqual(seen, [
    ["first", { v: 1 }, "success"],
    ["second", { v: 1 }, "success"],
    ["third", { v: 1 }],
    ["second", { v: 2 }, "success"],
    ["third", { v: 2 }],
    ["third", { v: 3 }],
  ]);
  assert.deepEqual(await arbor.query(["r7"]), { v: 3 });
});

test("setQueryData's data is newer than what hydration brings later with an older time", () => {
  arbor.setQueryData(["r8"], "mine");
  hydrate(state(["r8"], "success", "server's, older", Date.now() - 60000));
  assert.equal(arbor.getQueryData(["r8"]), "mine");
});

test("data set as of time 0 (an optimistic guess) gives way to any the server sends", () => {
  arbor.setQueryData(["r8b"], "held", 5000);
  arbor.setQueryData(["r8b"], "guess", 0);
  assert.equal(arbor.getQueryData(["r8b"]), "guess");
  hydrate(state(["r8b"], "success", "server's", 1));
  assert.equal(arbor.getQueryData(["r8b"]), "server's");
});

// ---- fetching a key the page never sent ----

test("a key the page never sent is fetched once, when the document is complete", async () => {
  const window = install(documentWith(""));
  const asked = fakeFetch([200, state(["r9", { b: 1, a: 2 }], "success", "fetched", 500)]);
  const first = arbor.query(["r9", { a: 2, b: 1 }]);
  arbor.query(["r9", { b: 1, a: 2 }]);
  assert.deepEqual(asked, [], "not before the document is complete: a hydration boundary may still send it");
  window.load();
  assert.equal(await first, "fetched");
  assert.deepEqual(asked, ["/_arbor/query?key=" + encodeURIComponent('["r9",{"a":2,"b":1}]')]);
  assert.equal(await arbor.query(["r9", { a: 2, b: 1 }]), "fetched");
  assert.equal(asked.length, 1, "once");
});

test("a key the page sent before the document completed is not fetched", async () => {
  const window = install(documentWith(""));
  const asked = fakeFetch();
  const answer = arbor.query(["r10"]);
  hydrate(state(["r10"], "pending", undefined, 0));
  window.load();
  hydrate(state(["r10"], "success", "streamed", 10));
  assert.equal(await answer, "streamed");
  assert.deepEqual(asked, []);
});

test("asked after the document is complete, a missing key is fetched at once; a failure rejects it", async () => {
  const window = install(documentWith(""));
  window.load();
  arbor.endpoint = "/api/q";
  try {
    const asked = fakeFetch([404, { error: "No query registered for [\"r11\"]" }]);
    await assert.rejects(arbor.query(["r11"]), { message: 'No query registered for ["r11"]' });
    assert.deepEqual(asked, ["/api/q?key=" + encodeURIComponent('["r11"]')]);
  } finally {
    arbor.endpoint = "/_arbor/query";
  }
});

// ---- refetch ----

test("a refetch's success always lands, even with an older time than the data held", async () => {
  arbor.setQueryData(["r12"], "optimistic");
  const seen = [];
  arbor.subscribe(["r12"], (data) => seen.push(data));
  fakeFetch([200, state(["r12"], "success", "server", 5)]);
  assert.equal(await arbor.refetch(["r12"]), "server");
  assert.equal(arbor.getQueryData(["r12"]), "server");
  assert.deepEqual(seen, ["server"]);
});

test("a refetch that failed rejects, and keeps the data held", async () => {
  hydrate(state(["r13"], "success", "kept", 100));
  fakeFetch([200, state(["r13"], "error", undefined, 0, { digest: "x1" })]);
  await assert.rejects(arbor.refetch(["r13"]), (e) => e.digest == "x1");
  assert.equal(arbor.getQueryData(["r13"]), "kept");
});

test("a refetch answered with something that is not a state says the status", async () => {
  fakeFetch([502, { nope: 1 }]);
  await assert.rejects(arbor.refetch(["r14"]), { message: "Refetch failed: 502" });
  globalThis.fetch = async () => ({ ok: false, status: 500, json: async () => JSON.parse("<html>") });
  await assert.rejects(arbor.refetch(["r14"]), { message: "Refetch failed: 500" });
  globalThis.fetch = async () => ({ ok: true, status: 200, json: async () => JSON.parse("not json") });
  await assert.rejects(arbor.refetch(["r14"]), { message: "Refetch failed: 200" });
});
