/**
 * @fileoverview Names that Closure Compiler must not rename (renderer/pom.xml compiles the runtime
 * in ADVANCED mode, which renames every property it does not find in externs): the runtime's
 * globals and public API, and the fields of the JSON the server sends.
 * @externs
 */

/** @param {!Array<?>} list */
var $a = function (list) {};

var arbor = {};
arbor.endpoint;
arbor.deferred = function (key) {};
arbor.query = function (key) {};
arbor.getQueryData = function (key) {};
arbor.setQueryData = function (key, data) {};
arbor.subscribe = function (key, listener) {};
arbor.refetch = function (key) {};
arbor.island = function (name, mount) {};

/** A dehydrated state, as TanStack Query's dehydrate writes it and the refetch endpoint answers. */
var DehydratedState = {};
DehydratedState.queries;
DehydratedState.queryHash;
DehydratedState.state;
DehydratedState.status;
DehydratedState.data;
DehydratedState.dataUpdatedAt;
DehydratedState.error;

/**
 * The window's addEventListener, called as a global function.
 * @param {string} type
 * @param {function(?)} listener
 */
function addEventListener(type, listener) {}
