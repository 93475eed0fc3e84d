/**
 * `window.arbor`, the runtime's public API (README, "The client runtime"). Its names are kept by
 * the minifier: externs.js lists them.
 */
import { deferred } from "./deferred.mjs";
import { registerIsland } from "./islands.mjs";
import { entryFor, file, hashKey, settle } from "./queries.mjs";

export const arbor = {
  /** The refetch endpoint; a page may move it. */
  endpoint: "/_arbor/query",

  deferred,

  /**
   * A query's data: at once when the page sent it, when it streams in if it was pending. A key
   * the page never sent is fetched once, when the document is complete: by then every hydration
   * boundary has streamed, so the page will not send it.
   */
  query(key) {
    const entry = entryFor(hashKey(key));
    whenComplete(() => {
      if (!entry.known) {
        entry.known = true;
        arbor.refetch(key).catch((error) => entry.status || settle(entry, "error", error));
      }
    });
    return entry.promise;
  },

  getQueryData(key) {
    return entryFor(hashKey(key)).data;
  },

  /**
   * Writes a query's data, as of `updatedAt` (ms since the epoch; now by default). Hydration
   * replaces it only with newer data, so an optimistic guess passes 0: the server's answer, whatever
   * its time, replaces it (navigation.mjs, form submissions).
   */
  setQueryData(key, data, updatedAt = Date.now()) {
    settle(entryFor(hashKey(key)), "success", data, updatedAt);
  },

  /** Calls listener(data, status) on every update; returns the function that stops it. */
  subscribe(key, listener) {
    const listeners = entryFor(hashKey(key)).listeners;
    listeners.push(listener);
    // >>> 0 turns "not found" (-1) into an index past the end, where splice removes nothing
    return () => listeners.splice(listeners.indexOf(listener) >>> 0, 1);
  },

  /** Runs a registered query again on the server and files its answer. */
  refetch(key) {
    return fetch(arbor.endpoint + "?key=" + encodeURIComponent(JSON.stringify(key))).then((response) =>
      response
        .json()
        .catch(() => ({}))
        .then((answer) => {
          // the endpoint explains a 4xx in {error}; anything else that is not a state says the status
          if (!response.ok || !answer.queries) {
            throw new Error(answer.error || "Refetch failed: " + response.status);
          }
          const query = answer.queries[0];
          file(query, true);
          return query.state.data;
        }));
  },

  island: registerIsland,
};

/** Runs a function once the document is complete (the response has ended). */
function whenComplete(run) {
  if (document.readyState == "complete") {
    run();
  } else {
    addEventListener("load", run); // the window's: a global function
  }
}
