// The swap walk, aria-busy on waiting regions and focus across swaps, through applyInstructions
// (the one entry point both framings use) on the fake DOM.
import assert from "node:assert/strict";
import test from "node:test";
import { applyInstructions } from "../../main/js/instructions.mjs";
import { documentWith, install, template } from "./fake-dom.mjs";

/** Installs a document with the given body and returns it. */
function page(bodyHtml) {
  const doc = documentWith(bodyHtml);
  install(doc);
  return doc;
}

/** Applies a list whose swaps take the given contents (HTML strings), in order. */
function apply(list, ...contents) {
  applyInstructions(list, contents.map(template));
}

test("a swap replaces the region, markers included, with its content", () => {
  const doc = page("<main><h1>Shop</h1><!--$0--><p>Loading…</p><!--/$--><footer>f</footer></main>");
  apply([0], "<p>3 left</p>");
  assert.equal(doc.body.innerHTML, "<main><h1>Shop</h1><p>3 left</p><footer>f</footer></main>");
});

test("swaps take their contents in order, whatever the order of the regions", () => {
  const doc = page("<ul><!--$0--><li>a…</li><!--/$--><!--$1--><li>b…</li><!--/$--><!--$2--><li>c…</li><!--/$--></ul>");
  apply([2, 0, 1], "<li>C</li>", "<li>A</li>", "<li>B</li>");
  assert.equal(doc.body.innerHTML, "<ul><li>A</li><li>B</li><li>C</li></ul>");
});

test("regions sit among table rows, with no wrapper element", () => {
  const doc = page(
    "<table><tbody><tr><td>1</td></tr><!--$0--><tr><td>…</td></tr><tr><td>…</td></tr><!--/$--><tr><td>9</td></tr></tbody></table>");
  apply([0], "<tr><td>2</td></tr><tr><td>3</td></tr>");
  assert.equal(doc.body.innerHTML,
    "<table><tbody><tr><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr><tr><td>9</td></tr></tbody></table>");
});

test("the walk counts nested regions: the outer region goes with everything inside it", () => {
  const doc = page(
    "<div><!--$0--><p>outer</p><!--$1--><p>inner…</p><!--/$--><section><!--$2-->x<!--/$--></section><p>more</p><!--/$--><p>after</p></div>");
  apply([0], "<p>error view</p>");
  assert.equal(doc.body.innerHTML, "<div><p>error view</p><p>after</p></div>");
});

test("a region inside another is replaced alone", () => {
  const doc = page("<div><!--$0--><p>outer</p><!--$1--><p>inner…</p><!--/$--><p>more</p><!--/$--></div>");
  apply([1], "<p>inner</p>");
  assert.equal(doc.body.innerHTML, "<div><!--$0--><p>outer</p><p>inner</p><p>more</p><!--/$--></div>");
});

test("a region that streamed in with its parent's content is found and replaced", () => {
  const doc = page("<div><!--$0--><p>…</p><!--/$--></div>");
  apply([0], "<p>parent</p><!--$1--><p>child…</p><!--/$-->");
  apply([1], "<p>child</p>");
  assert.equal(doc.body.innerHTML, "<div><p>parent</p><p>child</p></div>");
});

test("a region no longer in the document drops its content", () => {
  const doc = page("<div><!--$0--><!--$1--><p>…</p><!--/$--><!--/$--></div>");
  apply([0, 1], "<p>error view</p>", "<p>late</p>");
  assert.equal(doc.body.innerHTML, "<div><p>error view</p></div>");
  apply([1], "<p>later still</p>");
  assert.equal(doc.body.innerHTML, "<div><p>error view</p></div>");
  apply([7], "<p>no such region</p>");
  assert.equal(doc.body.innerHTML, "<div><p>error view</p></div>");
});

test("the page's own comments are not markers", () => {
  const doc = page("<div><!--$0--><!-- a note --><p>…</p><!--$--><!--/$--><p>end</p></div>");
  apply([0], "<p>done</p>");
  assert.equal(doc.body.innerHTML, "<div><p>done</p><p>end</p></div>");
});

test("a region whose end never came takes the rest of its parent", () => {
  const doc = page("<div><p>a</p><!--$0--><p>…</p><p>…</p></div><p>outside</p>");
  apply([0], "<p>b</p>");
  assert.equal(doc.body.innerHTML, "<div><p>a</p><p>b</p></div><p>outside</p>");
});

test("a used template leaves the document, even when its region is gone", () => {
  const doc = page("<div><!--$0-->…<!--/$--></div><template><p>x</p></template><template><p>y</p></template>");
  const [x, y] = doc.body.querySelectorAll("template");
  applyInstructions([0, 4], [x, y]);
  assert.equal(doc.body.innerHTML, "<div><p>x</p></div>");
});

// ---- aria-busy ----

test("a waiting region's parent is busy until its content arrives", () => {
  const doc = page("<table><tbody><!--$0--><tr><td></td></tr><!--/$--></tbody></table><ul><!--$1--><li></li><!--/$--></ul>");
  apply([]);
  const [tbody, ul] = [doc.body.querySelector("tbody"), doc.body.querySelector("ul")];
  assert.equal(tbody.getAttribute("aria-busy"), "true");
  assert.equal(ul.getAttribute("aria-busy"), "true");
  apply([0], "<tr><td>1</td></tr>");
  assert.equal(tbody.hasAttribute("aria-busy"), false);
  assert.equal(ul.getAttribute("aria-busy"), "true");
});

test("the parent stays busy while another region in it waits", () => {
  const doc = page("<ul><!--$0--><li>…</li><!--/$--><li>x</li><!--$1--><li>…</li><!--/$--></ul>");
  apply([]);
  const ul = doc.body.querySelector("ul");
  apply([1], "<li>b</li>");
  assert.equal(ul.getAttribute("aria-busy"), "true");
  apply([0], "<li>a</li>");
  assert.equal(ul.hasAttribute("aria-busy"), false);
});

test("an error boundary's region, which waits for nothing itself, never makes its parent busy", () => {
  const doc = page("<main><!--$0--><h2>Reviews</h2><section><!--$1--><p>…</p><!--/$--></section><!--/$--></main>");
  apply([]);
  const [main, section] = [doc.body.querySelector("main"), doc.body.querySelector("section")];
  assert.equal(main.hasAttribute("aria-busy"), false);
  assert.equal(section.getAttribute("aria-busy"), "true");
  apply([1], "<p>5 stars</p>");
  apply([]); // a later scan: region 0 now has no region inside, and still waits for nothing
  assert.equal(main.hasAttribute("aria-busy"), false);
  assert.equal(section.hasAttribute("aria-busy"), false);
});

test("an error view replacing waiting regions clears the busy state they caused", () => {
  const doc = page("<div><!--$0--><!--$1--><p>…</p><!--/$--><!--/$--></div>");
  apply([]);
  const div = doc.body.querySelector("div");
  assert.equal(div.getAttribute("aria-busy"), "true");
  apply([0], "<p>failed</p>");
  assert.equal(div.hasAttribute("aria-busy"), false);
});

test("regions in streamed content make their parents busy at once", () => {
  const doc = page("<div><!--$0--><p>…</p><!--/$--></div>");
  apply([]);
  apply([0], "<ol><!--$1--><li>…</li><!--/$--></ol>");
  const [div, ol] = [doc.body.querySelector("div"), doc.body.querySelector("ol")];
  assert.equal(div.hasAttribute("aria-busy"), false);
  assert.equal(ol.getAttribute("aria-busy"), "true");
  apply([1], "<li>1</li>");
  assert.equal(ol.hasAttribute("aria-busy"), false);
});

test("regions the parser reached after the runtime are marked by the next list", () => {
  // a script in the middle of the shell (query state) ran before the rest of the shell arrived
  const doc = page("<p>top</p>");
  apply([]);
  const section = doc.createElement("section");
  section.innerHTML = "<!--$0--><p>…</p><!--/$-->";
  doc.body.appendChild(section);
  apply([]);
  assert.equal(section.getAttribute("aria-busy"), "true");
});

test("an aria-busy the page set itself is the page's: neither counted nor removed", () => {
  const doc = page("<ul aria-busy=\"false\"><!--$0--><li>…</li><!--/$--></ul>");
  apply([]);
  const ul = doc.body.querySelector("ul");
  assert.equal(ul.getAttribute("aria-busy"), "false");
  apply([0], "<li>a</li>");
  assert.equal(ul.getAttribute("aria-busy"), "false");
});

// ---- focus ----

test("focus inside a replaced region moves to the content's first element that takes it", () => {
  const doc = page("<div><!--$0--><p>…</p><button id=\"retry\">Retry</button><!--/$--></div><a href=\"/\">home</a>");
  doc.body.querySelector("#retry").focus();
  assert.equal(doc.activeElement.id, "retry");
  apply([0], "<p>text</p><button id=\"off\" disabled>Off</button><a href=\"/x\" id=\"first\">x</a><input id=\"second\">");
  assert.equal(doc.activeElement.id, "first");
});

test("focus outside the replaced region stays where it is", () => {
  const doc = page("<div><!--$0--><p>…</p><!--/$--></div><input id=\"search\">");
  doc.body.querySelector("#search").focus();
  apply([0], "<button id=\"b\">b</button>");
  assert.equal(doc.activeElement.id, "search");
});

test("focus in a replaced region with nothing focusable in the content falls to the body", () => {
  const doc = page("<div><!--$0--><a href=\"#\" id=\"a\">…</a><!--/$--></div>");
  doc.body.querySelector("#a").focus();
  apply([0], "<p>nothing to focus</p>");
  assert.equal(doc.activeElement, doc.body);
});
