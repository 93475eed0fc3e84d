// The frame framing (docs/protocol.md, "Framing 2"): the reader, and frames applied with the same
// code as $a.
import assert from "node:assert/strict";
import test from "node:test";
import { frameApplier, frameReader } from "../../main/js/frames.mjs";
import { applyInstructions } from "../../main/js/instructions.mjs";
import { documentWith, install } from "./fake-dom.mjs";

/** Reads a response handed over in the given pieces; returns its frames as [type, payload]. */
function read(...pieces) {
  const frames = [];
  const reader = frameReader((type, payload) => frames.push([type, payload]));
  pieces.forEach((piece) => reader.push(piece));
  reader.end();
  return frames;
}

/** One frame, as the server writes it. */
function frame(type, payload) {
  return type + payload.length + ":" + payload;
}

const QUERIES = '[["q",{"queries":[{"queryHash":"[\\"k\\"]","state":{}}]}]]';
const RESPONSE = frame("i", QUERIES) + frame("h", "<p>Shell</p>") + "i3:[0]h0:" + frame("i", "[1,2,3]");

test("frames are read whole, in order", () => {
  assert.ok(RESPONSE.startsWith("i56:[[") && RESPONSE.endsWith("i3:[0]h0:i7:[1,2,3]"), RESPONSE);
  assert.deepEqual(read(RESPONSE), [
    ["i", QUERIES],
    ["h", "<p>Shell</p>"],
    ["i", "[0]"],
    ["h", ""],
    ["i", "[1,2,3]"],
  ]);
});

test("a response cut anywhere, even inside a length, reads the same", () => {
  const whole = read(RESPONSE);
  for (let cut = 0; cut <= RESPONSE.length; cut++) {
    assert.deepEqual(read(RESPONSE.slice(0, cut), RESPONSE.slice(cut)), whole, "cut at " + cut);
  }
  assert.deepEqual(read(...RESPONSE.split("")), whole, "one character at a time");
});

test("lengths count UTF-16 code units, as String.length does", () => {
  const payload = "<p>😀 é \u2028</p>";
  assert.equal(payload.length, 13); // 😀 is two code units
  assert.deepEqual(read("h13:" + payload + "i2:[]"), [["h", payload], ["i", "[]"]]);
});

test("what is not a frame is an error, and so is a response that ends inside one", () => {
  assert.throws(() => read("x3:abc"), /Not an Arbor frame at: x3:abc/);
  assert.throws(() => read("h3abc"), /Not an Arbor frame/);
  assert.throws(() => read("h5:abc"), /ended inside a frame: h5:abc/);
  assert.throws(() => read("h1"), /ended inside a frame/);
});

test("frames apply with the code $a uses: the outlet first, then contents swapped in by lists", () => {
  const doc = documentWith("<main></main>");
  install(doc);
  const main = doc.body.querySelector("main");
  const reader = frameReader(frameApplier((outlet) => main.appendChild(outlet.content), applyInstructions));
  reader.push(frame("h", "<h1>Orders</h1><ul><!--$0--><li>…</li><!--/$--></ul>"));
  assert.equal(main.innerHTML, "<h1>Orders</h1><ul><!--$0--><li>…</li><!--/$--></ul>");
  reader.push(frame("h", "<li>1</li><li>2</li>"));
  reader.push("i3:[0]");
  reader.end();
  assert.equal(main.innerHTML, "<h1>Orders</h1><ul><li>1</li><li>2</li></ul>");
});
