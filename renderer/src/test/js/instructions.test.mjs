// Instruction lists: operations applied in order (query state before the swap that reads it,
// deferred data after its content), islands mounting in swapped-in content, deferred values.
import assert from "node:assert/strict";
import test from "node:test";
import { arbor } from "../../main/js/arbor.mjs";
import { applyInstructions } from "../../main/js/instructions.mjs";
import { entryFor, hashKey } from "../../main/js/queries.mjs";
import { documentWith, install, template } from "./fake-dom.mjs";

function page(bodyHtml) {
  const doc = documentWith(bodyHtml);
  install(doc);
  return doc;
}

test("operations apply in list order: q before the swap that reads it, d after its content", async () => {
  const doc = page("<div><!--$0--><p>…</p><!--/$--></div>");
  const seenAtMount = [];
  arbor.island("order-island", (element, props) => {
    seenAtMount.push({
      data: arbor.getQueryData(props.key),
      inDocument: element.isConnected,
      deferredSettled: entryFor("~order-late").status,
    });
  });
  const key = ["order", { page: 1 }];
  const state = { queries: [{ queryHash: hashKey(key), state: { status: "success", data: [1, 2], dataUpdatedAt: 1 } }] };
  applyInstructions(
    [["q", state], 0, ["d", "order-late", { total: 3 }]],
    [template(`<div data-arbor-island="order-island" data-props='{"key":["order",{"page":1}]}'>list</div>`)]);
  assert.deepEqual(seenAtMount, [{ data: [1, 2], inDocument: true, deferredSettled: undefined }]);
  assert.deepEqual(await arbor.deferred("order-late"), { total: 3 });
  assert.equal(doc.body.firstChild.firstChild.getAttribute("data-arbor-island"), "order-island");
  assert.equal(doc.body.querySelector("template"), null);
});

test("islands mount once: when registered, in streamed content, and not before their content is in", () => {
  const doc = page(`<div data-arbor-island="counter" data-props='{"n":1}'>1</div><div><!--$0-->…<!--/$--></div>`);
  doc.body.appendChild(template(`<div data-arbor-island="counter" data-props='{"n":3}'>3</div>`));
  const mounted = [];
  arbor.island("counter", (element, props) => mounted.push(props.n));
  assert.deepEqual(mounted, [1], "the one in the page; not the one still in a template");
  applyInstructions([0], [template(`<p>x</p><div data-arbor-island="counter" data-props='{"n":2}'>2</div>`)]);
  assert.deepEqual(mounted, [1, 2]);
  arbor.island("counter", (element, props) => mounted.push(-props.n));
  assert.deepEqual(mounted, [1, 2], "an island mounts once, whatever registers later");
});

test("an island with no registered mount function waits for one", () => {
  page(`<div data-arbor-island="late" data-props='{"n":7}'>7</div>`);
  applyInstructions([]);
  const mounted = [];
  arbor.island("late", (element, props) => mounted.push(props.n));
  assert.deepEqual(mounted, [7]);
});

test("island names that are Object.prototype's own names are islands like any other", () => {
  page(`<div data-arbor-island="constructor" data-props='{}'>c</div>`);
  applyInstructions([]);
  const mounted = [];
  arbor.island("constructor", (element) => mounted.push(element.localName));
  assert.deepEqual(mounted, ["div"]);
});

test("a deferred value resolves whether it is asked for before or after it arrives", async () => {
  page("");
  const early = arbor.deferred("dv-early");
  applyInstructions([["d", "dv-early", 42], ["d", "dv-late", [1, 2]]]);
  assert.equal(await early, 42);
  assert.deepEqual(await arbor.deferred("dv-late"), [1, 2]);
});

test("a deferred value that failed rejects with what the server may tell", async () => {
  page("");
  const early = arbor.deferred("dv-failed");
  applyInstructions([["d", "dv-failed", null, { digest: "abc123" }]]);
  await assert.rejects(early, (e) => e.message == "Deferred data 'dv-failed' failed" && e.digest == "abc123");
  await assert.rejects(arbor.deferred("dv-failed"), (e) => e.digest == "abc123");
});

test("deferred keys never meet query hashes, nor Object.prototype's names", async () => {
  page("");
  applyInstructions([["d", "constructor", "c"], ["d", '["posts"]', "not a query"]]);
  assert.equal(await arbor.deferred("constructor"), "c");
  assert.equal(arbor.getQueryData(["posts"]), undefined);
});
