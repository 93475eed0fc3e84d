/**
 * Keyed deferred values (`defer("key", stage)` on the server). `arbor.deferred(key)` may be called
 * before or after the value arrives, so each key gets one promise, made by whichever comes first:
 * the same need as a query's, so a deferred value lives in the query cache, under a hash that no
 * query can have (query hashes are JSON texts, which never start with "~").
 */
import { failure } from "./promises.mjs";
import { entryFor, settle } from "./queries.mjs";

/** @return the cache entry of a deferred value */
function entryOf(key) {
  return entryFor("~" + key);
}

/**
 * @param key the key given to `defer` on the server
 * @return a promise of its value
 */
export function deferred(key) {
  return entryOf(key).promise;
}

/**
 * Settles a deferred value: the `["d", key, value]` and `["d", key, null, error]` instructions.
 *
 * @param key the key
 * @param value the value
 * @param error what the client may know of a failure ({digest}, a message in development), or
 *     undefined when the value arrived
 */
export function settleDeferred(key, value, error) {
  settle(
    entryOf(key),
    error ? "error" : "success",
    error ? failure("Deferred data '" + key + "' failed", error) : value);
}
