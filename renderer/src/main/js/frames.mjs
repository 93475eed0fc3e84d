/**
 * The frame framing (docs/protocol.md, "Framing 2"): a running page reads a response as frames
 * `<type><length>:<payload>`, the length in UTF-16 code units (a JavaScript string's length).
 * `h` frames carry contents, `i` frames instruction lists, applied with the same code as `$a`.
 *
 * Navigation (navigation.mjs) reads its responses with it.
 */

/**
 * Makes a reader that cuts text arriving in pieces (a stream decoded as it comes) into frames.
 *
 * @param onFrame called with (type, payload) for every whole frame, in order
 * @return {push(text), end()}: push hands over the next piece; end says the response is over
 *     and throws if it stopped inside a frame
 */
export function frameReader(onFrame) {
  let buffer = "";
  return {
    push(text) {
      buffer += text;
      let at = 0;
      for (;;) {
        const header = /^([hi])(\d+):/.exec(buffer.slice(at, at + 20));
        if (!header) {
          // an incomplete header waits for more text; anything else is not a frame
          if (!/^([hi]\d*)?$/.test(buffer.slice(at, at + 20))) {
            throw new Error("Not an Arbor frame at: " + buffer.slice(at, at + 40));
          }
          break;
        }
        const start = at + header[0].length;
        const end = start + +header[2];
        if (end > buffer.length) {
          break;
        }
        onFrame(header[1], buffer.slice(start, end));
        at = end;
      }
      buffer = buffer.slice(at);
    },
    end() {
      if (buffer) {
        throw new Error("The response ended inside a frame: " + buffer.slice(0, 40));
      }
    },
  };
}

/**
 * Applies frames to the document: contents wait for the instruction list that swaps them in.
 * The first content (the page's outlet, for a navigation) is handed to the caller.
 *
 * @param onOutlet called with the first content, a <template> element
 * @param apply applies an instruction list with its contents: the runtime's applyInstructions
 *     (instructions.mjs), which the navigation script reaches as `$a.i`, so that one copy of it,
 *     with one query cache and one set of islands, serves the first load and every navigation
 * @return function(type, payload), for frameReader
 */
export function frameApplier(onOutlet, apply) {
  const contents = [];
  let outletSeen = false;
  return (type, payload) => {
    if (type == "i") {
      apply(JSON.parse(payload), contents);
      return;
    }
    const template = document.createElement("template");
    template.innerHTML = payload;
    if (outletSeen) {
      contents.push(template);
    } else {
      outletSeen = true;
      onOutlet(template);
    }
  };
}
