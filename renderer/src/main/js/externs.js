/**
 * @fileoverview Names that Closure Compiler must not rename (renderer/pom.xml compiles the runtime
 * in ADVANCED mode, which renames every property it does not find in externs): the runtime's
 * globals and public API, and the fields of the JSON the server sends.
 * @externs
 */

/** @param {!Array<?>} list */
var $a = function (list) {};
/** applyInstructions(list, contents), for the navigation script */
$a.i = function (list, contents) {};

var arbor = {};
arbor.endpoint;
arbor.deferred = function (key) {};
arbor.query = function (key) {};
arbor.getQueryData = function (key) {};
arbor.setQueryData = function (key, data, updatedAt) {};
arbor.subscribe = function (key, listener) {};
arbor.refetch = function (key) {};
arbor.island = function (name, mount) {};
arbor.navigate = function (url, options) {};
arbor.preload = function (url) {};
arbor.revalidate = function () {};
/** Navigation settings: {preload, preloadDelay, preloadStaleTime} */
arbor.navigation;
arbor.navigation.preload;
arbor.navigation.preloadDelay;
arbor.navigation.preloadStaleTime;
/** Navigation options: {replace} */
var NavigateOptions = {};
NavigateOptions.replace;
/** The head of a navigation (the Arbor-Head header) */
var NavigationHead = {};
NavigationHead.title;
NavigationHead.meta;
NavigationHead.link;
NavigationHead.script;
/** The detail of the arbor:submit event, which page code reads (forms.mjs) */
var SubmitDetail = {};
SubmitDetail.form;
SubmitDetail.formData;
SubmitDetail.optimistic = function (key, update) {};
/** history.state of an entry the runtime made */
var NavigationState = {};
NavigationState.arborScroll;

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
