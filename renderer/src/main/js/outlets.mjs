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
 * An outlet's content: everything between its markers, inner outlets included.
 *
 * @param start the outlet's start marker
 * @return { nodes, end }: the nodes in order, and the end marker (null when the page lost it)
 */
export function outletContent(start) {
  const nodes = [];
  let node = start.nextSibling;
  let depth = 0;
  while (node && !(depth == 0 && node.nodeType == COMMENT_NODE && node.data == OUTLET_END)) {
    if (node.nodeType == COMMENT_NODE) {
      depth += isOutletStart(node) ? 1 : node.data == OUTLET_END ? -1 : 0;
    }
    nodes.push(node);
    node = node.nextSibling;
  }
  return { nodes, end: node };
}

/**
 * Replaces an outlet's content (everything between its markers, inner outlets included) with
 * new content; the markers stay.
 *
 * @param start the outlet's start marker
 * @param content a DocumentFragment; emptied
 */
export function replaceOutlet(start, content) {
  const { nodes, end } = outletContent(start);
  nodes.forEach((node) => node.remove());
  start.parentNode.insertBefore(content, end);
}

/**
 * Moves the region ids of a navigation's content past those of the document: region N of the
 * response becomes offset + 1 + N (ids are per response, and the page still holds regions of
 * the responses that made it, such as an error boundary's). Each content is renumbered once.
 *
 * @param template a <template> the frame reader made
 * @param offset the navigation's offset
 * @return the template
 */
export function renumber(template, offset) {
  if (!template.renumbered) {
    template.renumbered = true;
    const walker = document.createTreeWalker(template.content, SHOW_COMMENT);
    let comment;
    while ((comment = walker.nextNode())) {
      if (/^\$\d+$/.test(comment.data)) {
        comment.data = "$" + (+comment.data.slice(1) + offset + 1);
      }
    }
  }
  return template;
}

/**
 * Shows a navigation's first content in an outlet: the old content leaves, and the new one goes
 * in as the swap of a region (id `offset`) put in its place, so that the code of every other swap
 * (regions marked busy, islands mounted) handles it.
 *
 * @param start the outlet's start marker
 * @param template the first content
 * @param offset the navigation's offset
 * @param apply the runtime's applyInstructions
 */
export function fillOutlet(start, template, offset, apply) {
  replaceOutlet(start, document.createComment("$" + offset));
  start.parentNode.insertBefore(document.createComment("/$"), start.nextSibling.nextSibling);
  apply([offset], [renumber(template, offset)]);
}

/**
 * @param list an instruction list of a navigation
 * @param contents its contents, renumbered here
 * @param offset the navigation's offset
 * @return the list with its swaps' ids moved as renumber moved the regions
 */
export function navigationList(list, contents, offset) {
  contents.forEach((template) => renumber(template, offset));
  return list.map((op) => (op >= 0 ? op + offset + 1 : op));
}
