/**
 * Outlets: where a keyed layout shows its page, written `<!--@key-->...<!--/@-->` by the host
 * (docs/protocol.md, "Navigation"). A navigation replaces what is between the markers of the
 * deepest layout the current and the next page share.
 */

/** NodeFilter.SHOW_COMMENT */
const SHOW_COMMENT = 128;
/** Node.COMMENT_NODE */
const COMMENT_NODE = 8;
const OUTLET_END = "/@";

/**
 * @param comment a comment node
 * @return whether it starts an outlet
 */
function isOutletStart(comment) {
  return comment.data[0] == "@";
}

/**
 * The layouts the page shows, from the outermost in: what a navigation request's
 * `Arbor-Navigate` header says. An outer layout's outlet starts before its inner ones.
 *
 * @param root the document
 * @return the start markers, in document order
 */
export function outletStarts(root) {
  const walker = document.createTreeWalker(root, SHOW_COMMENT);
  const starts = [];
  let comment;
  while ((comment = walker.nextNode())) {
    if (isOutletStart(comment)) {
      starts.push(comment);
    }
  }
  return starts;
}

/**
 * @param root the document
 * @return the identities of the layouts shown, separated by spaces
 */
export function layoutChain(root) {
  return outletStarts(root).map((start) => start.data.slice(1)).join(" ");
}

/**
 * Replaces an outlet's content (everything between its markers, inner outlets included) with
 * new content; the markers stay.
 *
 * @param start the outlet's start marker
 * @param content a DocumentFragment; emptied
 */
export function replaceOutlet(start, content) {
  let node = start.nextSibling;
  let depth = 0;
  while (node && !(depth == 0 && node.nodeType == COMMENT_NODE && node.data == OUTLET_END)) {
    if (node.nodeType == COMMENT_NODE) {
      depth += isOutletStart(node) ? 1 : node.data == OUTLET_END ? -1 : 0;
    }
    const next = node.nextSibling;
    node.remove();
    node = next;
  }
  start.parentNode.insertBefore(content, node);
}
