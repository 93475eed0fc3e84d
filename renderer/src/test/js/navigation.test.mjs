/** Navigation: outlets found and replaced, a navigation's regions kept apart, the script's budget. */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";
import { constants, gzipSync } from "node:zlib";
import { frameApplier, frameReader } from "../../main/js/frames.mjs";
import { applyInstructions } from "../../main/js/instructions.mjs";
import { fillOutlet, layoutChain, navigationList, outletStarts, replaceOutlet } from "../../main/js/outlets.mjs";
import { documentWith, install, template } from "./fake-dom.mjs";

const NAVIGATION =
  process.env.ARBOR_NAVIGATION ||
  resolve(dirname(fileURLToPath(import.meta.url)), "../../../target/classes/META-INF/arbor/arbor-navigation.js");

const SHOP = "<div><header>Shop</header><main><!--@site--><section><h1>Tent</h1><!--@product=tent-->"
  + "<p>Reviews</p><!--/@--></section><!--/@--></main><footer><!--$0--><p>stale</p><!--/$--></footer></div>";

test("the layout chain is the outlets' identities, outermost first", () => {
  const doc = documentWith(SHOP);
  install(doc);
  assert.equal(layoutChain(doc), "site product=tent");
});

test("replacing an outlet replaces what is between its markers, inner outlets included", () => {
  const doc = documentWith(SHOP);
  install(doc);
  const [site] = outletStarts(doc);
  replaceOutlet(site, template("<p>About</p>").content);
  assert.equal(doc.body.querySelector("main").innerHTML, "<!--@site--><p>About</p><!--/@-->");
  assert.equal(layoutChain(doc), "site", "the inner layout left with the old content");
});

test("a navigation's stream fills the outlet, and its regions never meet the document's", () => {
  const doc = documentWith(SHOP);
  install(doc);
  const [site] = outletStarts(doc);
  const offset = 1e9 + 1e6;
  // the response numbers its regions from 0, as the footer's leftover region from the first load
  const reader = frameReader(frameApplier(
    (content) => fillOutlet(site, content, offset, applyInstructions),
    (list, contents) => applyInstructions(navigationList(list, contents, offset), contents)));
  const frame = (type, payload) => type + payload.length + ":" + payload;
  reader.push(frame("h", "<h1>Orders</h1><ul><!--$0--><li>…</li><!--/$--></ul>"));
  assert.equal(doc.body.querySelector("main").innerHTML,
    "<!--@site--><h1>Orders</h1><ul aria-busy=\"true\"><!--$1001000001--><li>…</li><!--/$--></ul><!--/@-->");
  reader.push(frame("h", "<li>1</li>") + "i3:[0]");
  reader.end();
  assert.equal(doc.body.querySelector("main").innerHTML, "<!--@site--><h1>Orders</h1><ul><li>1</li></ul><!--/@-->");
  assert.equal(doc.body.querySelector("footer").innerHTML, "<!--$0--><p>stale</p><!--/$-->", "the document's region 0 untouched");
});

test("the navigation script is one classic script within its own budget, apart from the runtime's", () => {
  assert.ok(existsSync(NAVIGATION), NAVIGATION + " is missing: build the renderer first (mvn -pl renderer package)");
  const js = readFileSync(NAVIGATION, "utf8");
  assert.match(js, /^\(\(\)=>\{[\s\S]*\}\)\(\)\s*$/, "an IIFE");
  assert.doesNotMatch(js, /\bimport\b|\bexport\b/, "no module syntax left");
  assert.doesNotMatch(js, /applyInstructions|findRegions/, "it applies with the runtime's code, not a copy");
  const gzipped = gzipSync(js.trim(), { level: constants.Z_BEST_COMPRESSION }).length;
  assert.ok(gzipped < 4608, "gzip -9: " + gzipped + " bytes");
});
