// The shipped runtime: the file Closure Compiler made from src/main/js (renderer/pom.xml), run as a
// browser runs an inline script, on the fake DOM. It proves that the minifier kept what pages and
// the server rely on: the names in externs.js, the JSON fields, $a's templates, self-removal.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { constants, gzipSync } from "node:zlib";
import { documentWith } from "./fake-dom.mjs";

const RUNTIME =
  process.env.ARBOR_RUNTIME ||
  resolve(dirname(fileURLToPath(import.meta.url)), "../../../target/classes/dev/arbor/arbor-runtime.js");

function source() {
  assert.ok(existsSync(RUNTIME), RUNTIME + " is missing: build the renderer first (mvn -pl renderer package)");
  return readFileSync(RUNTIME, "utf8");
}

/**
 * Loads the runtime into a fresh window whose document holds the given body, the runtime's script
 * last in it (where the server writes it at the end of a shell).
 */
function boot(bodyHtml, fetchAnswers = []) {
  const doc = documentWith(bodyHtml + '<script id="arbor-runtime"></script>');
  const windowListeners = {};
  const asked = [];
  const window = vm.createContext({
    document: doc,
    addEventListener: (type, listener) => (windowListeners[type] = windowListeners[type] || []).push(listener),
    fetch: async (url) => {
      asked.push(url);
      const [status, body] = fetchAnswers.shift();
      return { ok: status == 200, status, json: async () => body };
    },
  });
  window.window = window;
  doc.currentScript = doc.body.querySelector("script");
  vm.runInContext(source(), window);
  doc.currentScript = null;
  return {
    doc,
    window,
    asked,
    /** The parser meets `<template>...</template><script>$a(list)</script>`, and runs the script. */
    stream(templatesHtml, list) {
      const holder = doc.createElement("div");
      holder.innerHTML = templatesHtml + "<script></script>";
      for (const node of [...holder.childNodes]) {
        doc.body.appendChild(node);
      }
      doc.currentScript = doc.body.lastChild;
      window.$a(list);
      doc.currentScript = null;
    },
    load() {
      doc.readyState = "interactive";
      doc.dispatch("DOMContentLoaded");
      doc.readyState = "complete";
      (windowListeners.load || []).forEach((listener) => listener());
    },
  };
}

test("the runtime is one classic script that can sit inline in <script>, and fits its budget", () => {
  const js = source();
  assert.match(js, /^\(\(\)=>\{[\s\S]*\}\)\(\)\s*$/, "an IIFE");
  assert.doesNotMatch(js, /<\/script|<!--|<script/i);
  assert.doesNotMatch(js, /\bimport\b|\bexport\b/, "no module syntax left");
  const gzipped = gzipSync(js.trim(), { level: constants.Z_BEST_COMPRESSION }).length;
  assert.ok(gzipped < 1600, "gzip -9: " + gzipped + " bytes");
});

test("the runtime removes its script, marks waiting regions busy, and defines $a and arbor", () => {
  const { doc, window } = boot("<table><tbody><!--$0--><tr><td>…</td></tr><!--/$--></tbody></table>");
  assert.equal(doc.body.querySelector("script"), null);
  assert.equal(doc.body.querySelector("tbody").getAttribute("aria-busy"), "true");
  assert.equal(typeof window.$a, "function");
  assert.deepEqual(
    Object.keys(window.arbor).sort(),
    ["deferred", "endpoint", "getQueryData", "island", "query", "refetch", "setQueryData", "subscribe"]);
});

test("$a swaps regions with the templates before its script, in order, and removes them and itself", async () => {
  const page = boot("<ul><!--$0--><li>a…</li><!--/$--><!--$1--><li>b…</li><!--/$--></ul><p>x</p>");
  page.stream("<template><li>B</li></template><template><li>A</li></template>", [1, 0, ["d", "total", 2]]);
  assert.equal(page.doc.body.innerHTML, "<ul><li>A</li><li>B</li></ul><p>x</p>");
  assert.equal(await page.window.arbor.deferred("total"), 2);
});

test("a second copy of the runtime keeps the first one's state", () => {
  const page = boot("");
  const first = page.window.arbor;
  page.doc.currentScript = page.doc.createElement("script");
  page.doc.body.appendChild(page.doc.currentScript);
  vm.runInContext(source(), page.window);
  assert.equal(page.window.arbor, first);
});

test("query state, islands and a refetch keep the JSON fields' names", async () => {
  const page = boot(`<div data-arbor-island="list" data-props='{"key":["posts",{"b":1,"a":2}]}'></div><div><!--$0-->…<!--/$--></div>`, [
    [200, { queries: [{ queryHash: '["posts",{"a":2,"b":1}]', state: { status: "success", data: ["fresh"], dataUpdatedAt: 9 } }] }],
    [404, { error: "No query registered" }],
  ]);
  const arbor = page.window.arbor;
  const mounted = [];
  arbor.island("list", (element, props) => mounted.push(arbor.getQueryData(props.key)));
  page.stream("", [["q", { queries: [{ queryHash: '["posts",{"a":2,"b":1}]', state: { status: "success", data: ["p1"], dataUpdatedAt: 5 } }] }]]);
  page.load();
  assert.deepEqual(mounted, [undefined], "the island mounted when it registered, before the state arrived");
  assert.deepEqual(arbor.getQueryData(["posts", { a: 2, b: 1 }]), ["p1"]);
  const seen = [];
  // a key made in the page's realm: "plain object" is a realm's Object, here as in TanStack
  arbor.subscribe(vm.runInContext('["posts", {b: 1, a: 2}]', page.window), (data, status) => seen.push([data, status]));
  assert.deepEqual(await arbor.refetch(["posts", { a: 2, b: 1 }]), ["fresh"]);
  assert.deepEqual(seen, [[["fresh"], "success"]]);
  assert.equal(page.asked[0], "/_arbor/query?key=" + encodeURIComponent('["posts",{"a":2,"b":1}]'));
  await assert.rejects(arbor.query(["missing"]), { message: "No query registered" });
});

test("an error state and a failed deferred value reject with the server's digest", async () => {
  const page = boot("");
  const arbor = page.window.arbor;
  const waiting = arbor.query(["broken"]);
  page.stream("", [
    ["q", { queries: [{ queryHash: '["broken"]', state: { status: "error", dataUpdatedAt: 0, error: { digest: "q1" } } }] }],
    ["d", "late", null, { digest: "d1" }],
  ]);
  await assert.rejects(waiting, { message: 'Query ["broken"] failed', digest: "q1" });
  await assert.rejects(arbor.deferred("late"), { message: "Deferred data 'late' failed", digest: "d1" });
});

test("focus moves into the content that replaced the focused element", () => {
  const page = boot('<div><!--$0--><button id="wait">…</button><!--/$--></div>');
  page.doc.body.querySelector("#wait").focus();
  page.stream('<template><p>done</p><a href="/next" id="next">next</a></template>', [0]);
  assert.equal(page.doc.activeElement.id, "next");
});
