/**
 * Promises handed out before their values exist: a deferred value or a query's result streams in
 * later, and page code asks for it before, so the runtime keeps each promise with the functions
 * that settle it.
 */

/** Does nothing: the handler of a rejection nobody asked about. */
export function ignore() {}

/**
 * Marks a rejection as handled. Page code may never await a promise the runtime made (a deferred
 * value nobody reads, a query that failed), and the browser must not report that as an unhandled
 * rejection; code that does await it still sees the rejection.
 *
 * @param promise a promise
 * @return the same promise
 */
export function quiet(promise) {
  promise.catch(ignore);
  return promise;
}

/** @return a pending promise with its settling functions: {promise, resolve, reject} */
export function pending() {
  const slot = {};
  slot.promise = quiet(new Promise((resolve, reject) => {
    slot.resolve = resolve;
    slot.reject = reject;
  }));
  return slot;
}

/**
 * @param message what failed
 * @param details what the server may tell of the error ({digest}, a message in development)
 * @return an Error carrying the details as properties
 */
export function failure(message, details) {
  return Object.assign(new Error(message), details);
}
