/**
 * The client's query cache: what the server's hydration boundaries sent (TanStack Query's
 * dehydrated state), what page code wrote, and what refetches answered, by query hash.
 *
 * Its rules, which the server's StreamReplay mirrors:
 * - hydration never overwrites newer data: a streamed success lands only if it is newer
 *   (`dataUpdatedAt`) than the success already held, as TanStack's `hydrate` does;
 * - a pending state never replaces anything: it only says that a result will stream;
 * - an error never replaces a success: stale data beats no data;
 * - a refetch's success always lands: the page asked for it, now.
 */
import { failure, pending, quiet } from "./promises.mjs";

/**
 * query hash -> entry. A plain object is safe here: every hash is a JSON text or starts with
 * "~" (deferred.mjs), and no name of Object.prototype is either.
 */
const entries = {};

/**
 * TanStack Query's `hashKey`: the key's JSON, the fields of plain objects sorted by name at every
 * depth, so that {a, b} and {b, a} name one query. The sorted copy is a JavaScript object again,
 * so integer-like names come first, exactly as in TanStack (the server's QueryKey does the same).
 * "Plain" is judged as TanStack does for every object JSON can hold.
 *
 * @param key a query key: an array of JSON values
 * @return its hash
 */
export function hashKey(key) {
  return JSON.stringify(key, (name, value) =>
    value && value.constructor == Object
      ? Object.keys(value)
          .sort()
          .reduce((sorted, field) => {
            sorted[field] = value[field];
            return sorted;
          }, {})
      : value);
}

/**
 * The entry of a query, made pending when unknown: a page may ask for a query before its state
 * streams in, and gets a promise that the state settles.
 *
 * An entry: status ("success", "error", or none while pending), data, updatedAt (dataUpdatedAt of
 * the data held), listeners, promise (of the current state), resolve and reject (of the first promise,
 * until it settles), known (the page sent this query, or a refetch of it went out).
 *
 * @param hash a query hash
 * @return its entry
 */
export function entryFor(hash) {
  let entry = entries[hash];
  if (!entry) {
    entry = entries[hash] = pending();
    entry.listeners = [];
  }
  return entry;
}

/**
 * Gives an entry a settled state and tells its listeners.
 *
 * @param entry the entry
 * @param status "success" or "error"
 * @param value the data, or the error
 * @param updatedAt when the data was fetched (milliseconds), for a success
 */
export function settle(entry, status, value, updatedAt) {
  const success = status == "success";
  entry.status = status;
  if (success) {
    entry.data = value;
    entry.updatedAt = updatedAt;
    entry.resolve(value);
  } else {
    entry.reject(value);
  }
  // those who ask from now on get the new state
  entry.promise = quiet(success ? Promise.resolve(value) : Promise.reject(value));
  // a copy: a listener may unsubscribe while it is told
  entry.listeners.slice().forEach((listener) => listener(entry.data, status));
}

/**
 * Files one query of a dehydrated state.
 *
 * @param query {queryHash, state: {status, data, dataUpdatedAt, error}}
 * @param fresh true when it answers a refetch: a success then lands whatever the cache holds,
 *     and an error is thrown to the caller
 */
export function file(query, fresh) {
  const entry = entryFor(query.queryHash);
  const state = query.state;
  entry.known = true;
  if (state.status == "success") {
    if (fresh || !(entry.status == "success" && entry.updatedAt >= state.dataUpdatedAt)) {
      settle(entry, "success", state.data, state.dataUpdatedAt);
    }
  } else if (state.status == "error") {
    const error = failure("Query " + query.queryHash + " failed", state.error);
    if (entry.status != "success") {
      settle(entry, "error", error);
    }
    if (fresh) {
      throw error;
    }
  }
}

/**
 * Hydrates the cache with a dehydrated state (the `["q", state]` instruction).
 *
 * @param state {queries: [...]}, as TanStack's `dehydrate` writes it
 */
export function hydrate(state) {
  state.queries.forEach((query) => file(query));
}
