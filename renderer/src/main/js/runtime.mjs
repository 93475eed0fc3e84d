/**
 * The client runtime's entry point: what the inline <script id="arbor-runtime"> does. The build
 * (renderer/pom.xml) compiles it and its imports into one classic script with Closure Compiler.
 *
 * It defines `$a(list)`, which the document framing's scripts call, and `window.arbor`; marks the
 * regions waiting in the shell busy; and mounts islands once the document is parsed.
 */
import { arbor } from "./arbor.mjs";
import { applyInstructions } from "./instructions.mjs";
import { mountIslands } from "./islands.mjs";

/**
 * `$a(list)`, written by the server as `<template>...</template>...<script>$a([...])</script>`:
 * each swap in the list (a number, the only operation that is >= 0) takes one of the templates
 * right before the script, in order. The script and its templates leave the document, so that
 * the final DOM equals the complete document.
 *
 * @param list the instruction list
 */
function applyScript(list) {
  const script = document.currentScript;
  const contents = [];
  let element = script;
  for (const op of list) {
    if (op >= 0) {
      contents.unshift((element = element.previousElementSibling));
    }
  }
  script.remove();
  applyInstructions(list, contents);
}

function install() {
  if (window.$a) {
    return; // a second copy (two responses in one page): the first one's state stays
  }
  window.$a = applyScript;
  // for the navigation script (navigation.mjs), compiled apart: it applies what it fetches with
  // this copy of the code, so that the query cache, deferred values and islands are one
  applyScript.i = applyInstructions;
  window.arbor = arbor;
  // the server writes the runtime at the end of a shell with regions waiting: an empty list marks
  // them busy, telling assistive technology now rather than when the first content arrives
  applyInstructions([]); // takes no content
  document.addEventListener("DOMContentLoaded", () => mountIslands(document));
}

install();
document.currentScript.remove();
