/**
 * Applies an instruction list (docs/protocol.md, "Instructions"): the one place that knows what
 * each operation means, whichever framing carried it. The document framing takes contents from
 * <template>s before its script (runtime.mjs); the frame framing from `h` frames (frames.mjs).
 */
import { settleDeferred } from "./deferred.mjs";
import { mountIslands } from "./islands.mjs";
import { hydrate } from "./queries.mjs";
import { findRegions, markBusy, replaceRegion } from "./regions.mjs";

/**
 * Applies the operations of a list in order: a number swaps that region with the next content
 * (`op >= 0` is false for the other operations, arrays that start with a letter),
 * `["q", state]` hydrates the query cache, `["d", key, value]` (or `["d", key, null, error]`)
 * settles a deferred value. The server orders them so that query state comes before the content
 * that reads it, and deferred data after its content.
 *
 * @param list the operations
 * @param contents the contents its swaps take from the front: <template> elements, each
 *     removed once used
 */
export function applyInstructions(list, contents) {
  // region start markers by their text, found afresh: the document may have grown since the last
  // list (the rest of the shell after a script in its middle), and a region may have left it
  const regions = {};
  findRegions(document, regions).forEach(markBusy);
  for (const op of list) {
    if (op >= 0) {
      swap(regions["$" + op], contents.shift(), regions);
    } else if (op[0] == "q") {
      hydrate(op[1]);
    } else {
      settleDeferred(op[1], op[2], op[3]); // "d"
    }
  }
}

/**
 * @param start the region's start marker, if one was found
 * @param template the content
 * @param regions the regions known
 */
function swap(start, template, regions) {
  // a region that left the document (its parent region was replaced, by content or by an error
  // view) drops its content
  if (start && start.isConnected) {
    mountIslands(replaceRegion(start, template.content, regions));
  }
  template.remove();
}
