/**
 * Regions: runs of sibling nodes that the server may replace later, written
 * `<!--$N-->...<!--/$-->` (see docs/protocol.md). No wrapper element, so that a region can sit
 * in a <table>, <ul> or <select>; the price is that a region is found by walking comments.
 *
 * Assistive technology: a region that waits for content marks its parent element aria-busy, and a
 * swap keeps keyboard focus in the content that replaces the focused node.
 */

/** NodeFilter.SHOW_COMMENT */
const SHOW_COMMENT = 128;
/** Node.COMMENT_NODE */
const COMMENT_NODE = 8;
const REGION_START = /^\$\d+$/;
const REGION_END = "/$";

/**
 * @param comment a comment node
 * @return whether it starts a region
 */
function isRegionStart(comment) {
  return REGION_START.test(comment.data);
}

/**
 * Finds the region start markers under a root: files each by its text ("$" and the id), and
 * returns those seen for the first time that wait for content.
 *
 * Which regions wait: those with no region inside. An error boundary's region is sent only
 * because a boundary inside it is pending, and it is replaced only if it fails, so it never waits
 * for anything itself; marking it busy would hide its content from screen readers for as long as
 * the page streams. A region has a region inside exactly when the next marker after its start,
 * in document order, is another start.
 *
 * Each start is judged once, by the first scan that sees it: after its inner regions were
 * replaced, an error boundary's region looks like one that waits. A scan in the middle of the
 * shell (a script there applied query state) may see a start whose end the parser has not reached
 * yet; it is judged as not waiting, which is right for an error boundary's region, the usual case.
 *
 * @param root a document, or content about to be inserted
 * @param regions where to file the starts (ids are per response: a start found later wins)
 * @return the start markers found waiting
 */
export function findRegions(root, regions) {
  const walker = document.createTreeWalker(root, SHOW_COMMENT);
  const waiting = [];
  let open = null; // the start seen last, not judged before, while no other marker followed it
  let comment;
  while ((comment = walker.nextNode())) {
    if (comment.data == REGION_END) {
      if (open) {
        waiting.push(open);
      }
      open = null;
    } else if (isRegionStart(comment)) {
      regions[comment.data] = comment;
      open = comment.judged ? null : comment;
      comment.judged = true;
    }
  }
  return waiting;
}

/**
 * Marks a waiting region's parent aria-busy. An element whose aria-busy the page set itself is
 * left to the page.
 *
 * @param start a waiting region's start marker, in the document
 */
export function markBusy(start) {
  const parent = start.parentNode;
  if (parent.ownsBusy || !parent.hasAttribute("aria-busy")) {
    parent.setAttribute("aria-busy", "true");
    parent.ownsBusy = start.awaitsContent = true;
  }
}

/**
 * Replaces a region, its markers included, with content. Regions nested in it go with it (their
 * later contents are dropped: see the caller). Regions in the content are filed and, if waiting,
 * marked busy; the parent stops being busy when no waiting region is left in it. If the focused
 * element was in the region, focus moves to the first element of the content that takes it, so
 * that a keyboard user is not thrown back to the start of the page.
 *
 * @param start the region's start marker, in the document
 * @param content a DocumentFragment; emptied
 * @param regions where to file the content's regions
 * @return the parent the content went into
 */
export function replaceRegion(start, content, regions) {
  const parent = start.parentNode;
  const focused = document.activeElement;
  let node = start;
  let depth = 0;
  do {
    const next = node.nextSibling;
    if (node.nodeType == COMMENT_NODE) {
      if (node.data == REGION_END) {
        depth--;
      } else if (isRegionStart(node)) {
        depth++;
      }
    }
    node.remove();
    node = next;
  } while (depth > 0 && node);
  // if focus left with the region, the content's first element that takes it gets it; they are
  // listed before the content moves (afterwards it is mixed with the region's siblings)
  const candidates = focused.isConnected ? [] : Array.from(content.querySelectorAll("*"));
  const waiting = findRegions(content, regions);
  parent.insertBefore(content, node);
  waiting.forEach(markBusy);
  if (parent.ownsBusy && ![].some.call(parent.childNodes, (child) => child.awaitsContent)) {
    parent.removeAttribute("aria-busy");
  }
  // focus() does nothing on an element that cannot take focus (a paragraph, a disabled button)
  candidates.some((element) => {
    element.focus();
    return document.activeElement == element;
  });
  return parent;
}
