/**
 * Client navigation and preloading (README, "Client navigation"): the navigation script, compiled
 * apart from the inline runtime (renderer/pom.xml) and loaded by every streamed page's head from
 * the host, with the page's nonce.
 *
 * A same-origin link click fetches the next page from its own URL with `Arbor-Navigate: <the
 * layouts shown>`; the host answers the part below the deepest shared layout in the frame framing
 * (frames.mjs), which is applied as it arrives by the runtime's own applyInstructions (`$a.i`).
 * Anything else (a 204 with Arbor-Reload, an HTML answer, a network failure) loads the document.
 *
 * A form the runtime takes over (forms.mjs) is posted the same way: the action's answer is the
 * page it leads to, in frames, with `Arbor-Url` naming it (single flight).
 */
import { begin, bodyOf, showDocument, submissionOf, urlEncoded } from "./forms.mjs";
import { frameApplier, frameReader } from "./frames.mjs";
import { fillOutlet, layoutChain, navigationList, outletContent, outletStarts } from "./outlets.mjs";

const FRAMES = "text/x-arbor-frames";
const $a = window.$a;
const arbor = window.arbor;
/** The page's CSP nonce, from this script's own element, for the scripts a navigation adds. */
const nonce = document.currentScript ? document.currentScript.nonce : "";

/** Global settings; a page may change them: `arbor.navigation.preload = "viewport"`. */
const settings = {
  /** "intent" (hover, touch, focus), "viewport", "render" or "none"; a link's data-arbor-preload wins */
  preload: "intent",
  /** how long a pointer must rest on a link before it is preloaded, in ms */
  preloadDelay: 50,
  /** how long a preloaded response may be used, in ms */
  preloadStaleTime: 30000,
};

/** Preloaded responses by URL (without its hash), kept while they stream. */
const preloads = new Map();
/** The navigation under way, or the last one (its stream may still be applying). */
let current = null;
/** The URL the document shows, without its hash. */
let shownUrl = withoutHash(location.href);
/** The polite live region that announces a new page. */
let announcer;

/** How many navigations this page made: each moves its region ids to a range of its own. */
let navigations = 0;

function withoutHash(url) {
  return url.split("#")[0];
}

/**
 * A request for a page as a navigation; its body is read as it arrives, into `pieces`, for
 * whoever applies it (now, or later for a preload).
 *
 * @param url the page's URL
 * @param preload whether the request is a preload
 * @param body a form's body, to post to an action instead of asking for the page
 * @return {url, controller, time, pieces, ended, error, sink, response: Promise<Response>}
 */
function request(url, preload, body) {
  const controller = new AbortController();
  const headers = { "Arbor-Navigate": layoutChain(document) };
  if (preload) {
    headers["Arbor-Preload"] = "1";
  }
  const entry = { url, controller, time: Date.now(), pieces: [], ended: false, error: null, sink: null };
  const init = { headers, signal: controller.signal, credentials: "same-origin" };
  if (body) {
    init.method = "POST";
    init.body = body;
  }
  entry.response = fetch(url, init).then((response) => {
    if (isFrames(response)) {
      pump(entry, response.body.getReader(), new TextDecoder());
    }
    return response;
  });
  entry.response.catch((error) => (entry.error = error));
  return entry;
}

function isFrames(response) {
  return response.status != 204 && (response.headers.get("Content-Type") || "").indexOf(FRAMES) == 0;
}

/** Reads a navigation's body piece by piece, handing each to its sink (if it has one yet). */
function pump(entry, reader, decoder) {
  reader.read().then(({ done, value }) => {
    const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
    if (text) {
      entry.pieces.push(text);
      entry.sink && entry.sink.push(text);
    }
    if (done) {
      entry.ended = true;
      entry.sink && entry.sink.end();
    } else {
      pump(entry, reader, decoder);
    }
  }, (error) => {
    entry.error = error;
  });
}

/**
 * `arbor.preload(url)`: fetches a page as a navigation and keeps the response, even while it
 * streams, for `preloadStaleTime`; one request per URL at a time.
 */
function preload(url) {
  url = withoutHash(new URL(url, location.href).href);
  if (url == shownUrl || fresh(preloads.get(url))) {
    return;
  }
  const entry = request(url, true);
  preloads.set(url, entry);
  setTimeout(() => {
    if (preloads.get(url) == entry) {
      preloads.delete(url);
      entry.controller.abort(); // stale: the server stops what it still does for it
    }
  }, settings.preloadStaleTime);
}

function fresh(entry) {
  return entry && !entry.error && Date.now() - entry.time < settings.preloadStaleTime;
}

/** Takes the preloaded response of a URL, if it is fresh; it can be applied once. */
function takePreload(url) {
  const entry = preloads.get(withoutHash(url));
  preloads.delete(withoutHash(url));
  return fresh(entry) ? entry : null;
}

/**
 * Shows a page: its preloaded response, or a new navigation request.
 *
 * @param url the page's URL
 * @param how "push" (a link), "replace", "pop" (back/forward, scroll restored), "revalidate"
 *     (the same page again: scroll and focus stay) or "submit" (a form's answer)
 * @param scroll for "pop": where the page was scrolled to
 * @param submitted for "submit": the request that posted the form, and what begin() gave
 */
function go(url, how, scroll, submitted) {
  if (current) {
    current.entry.controller.abort(); // superseded: its fetch and the server's work stop
    current.submitted && current.submitted.finish(true); // its answer will not come: no rollback
  }
  const entry = submitted ? submitted.entry : (how != "revalidate" && takePreload(url)) || request(url, false);
  const navigation = (current = { entry, submitted });
  pending(true, url);
  entry.response.then((response) => {
    if (navigation != current) {
      return;
    }
    // a form's answer: the page an action led to (Arbor-Url), or the form's page again with its
    // errors (a 422, where the address stays)
    const led = response.headers.get("Arbor-Url");
    const target = led ? new URL(led, location.href).href : response.redirected ? response.url : url;
    const leads = !submitted || led || response.redirected;
    if (submitted) {
      submitted.finish(response.ok); // a failed action's optimistic updates go back
      dropPreloads(); // made while it was in flight, they may show data from before it
    }
    const outlet = response.headers.get("Arbor-Outlet");
    const start = outletStarts(document).find((marker) => marker.data == "@" + outlet);
    const frames = isFrames(response);
    if (submitted && !frames && response.status != 204 && !(response.ok && response.redirected)) {
      // a refused form or an action's failure page: shown as the browser would show it (its body
      // is read whole first: an aborted fetch's body cannot be read)
      showDocument(response, () => navigation == current).then((title) => {
        if (title != null) {
          announcer = null;
          pending(false, url);
          announce(title);
        }
      }, () => navigation == current && location.assign(location.href));
      return;
    }
    if (!frames || !start) {
      entry.controller.abort();
      if (submitted && response.status == 204 && !response.headers.get("Arbor-Reload")) {
        pending(false, url); // done, with nothing to show: the page stays, as without the runtime
      } else if (submitted && !leads) {
        submitNatively(submitted); // the form's page again, which this page cannot show: nothing was done
      } else if (/^https?:/.test(target)) {
        // declined (another root layout), an error page, or an outlet this page no longer has;
        // where a redirect led, if it did
        location.assign(target);
      }
      return;
    }
    // the address bar shows where a redirect led; a link's hash stays when there was none
    const shown = leads ? target : location.href;
    const parent = start.parentNode;
    // region ids are per response: this one's are moved past any the document may still hold
    const offset = 1e9 + ++navigations * 1e6;
    const apply = frameApplier((content) => {
      const head = JSON.parse(decodeURIComponent(response.headers.get("Arbor-Head") || "%7B%7D"));
      // a form's answer is a new entry when it leads to another page, the same one's otherwise
      const moved = withoutHash(shown) != shownUrl;
      if (how == "push" || how == "replace" || (how == "submit" && leads)) {
        remember();
        history[how == "push" || (how == "submit" && moved) ? "pushState" : "replaceState"]({}, "", shown);
      }
      shownUrl = withoutHash(location.href);
      // scripts in the new shell run, as the parser runs a document's (streamed contents' do not,
      // on a first load either); with the page's nonce, since its policy is the document's
      const scripts = [...content.content.querySelectorAll("script")];
      fillOutlet(start, content, offset, $a.i);
      scripts.forEach(activate);
      applyHead(head);
      markCurrent();
      pending(false, shown);
      if (how == "submit") {
        placeAnswer(leads, leads && (moved || location.hash), parent, start);
      } else if (how != "revalidate") {
        placeView(how, scroll, parent, start);
        announce(document.title);
      }
      scan();
    }, (list, contents) => {
      if (navigation == current) {
        $a.i(navigationList(list, contents, offset), contents);
      }
    });
    const reader = frameReader(apply);
    entry.sink = {
      push: (text) => navigation == current && reader.push(text),
      end: () => navigation == current && reader.end(),
    };
    entry.pieces.forEach(entry.sink.push); // what a preload received so far, at once
    if (entry.ended) {
      entry.sink.end();
    }
  }, (error) => {
    if (navigation != current || error.name == "AbortError") {
      return;
    }
    if (submitted) {
      // the form stays as the user filled it in, to send again
      submitted.finish(false);
      pending(false, url);
      announce("The form could not be sent. Check your connection and try again.");
    } else {
      location.assign(url); // the network failed: the browser shows why
    }
  });
}

/** Aborts and forgets every preloaded page. */
function dropPreloads() {
  preloads.forEach((entry) => entry.controller.abort());
  preloads.clear();
}

/** Forms in flight, each with its submission: a second submit sends nothing (a double click). */
const inFlight = new WeakMap();

/**
 * A submit event: a form the runtime takes over (forms.mjs) is sent with fetch, a GET form as a
 * navigation to its URL with the fields as its query, a POST form to its action, whose answer
 * streams in like a navigation's.
 */
function onSubmit(event) {
  const submission = submissionOf(event, document.baseURI, location.origin);
  if (!submission) {
    return;
  }
  event.preventDefault();
  const { form, method, url } = submission;
  if (method == "get") {
    url.search = urlEncoded(submission.data);
    go(url.href, "push");
    return;
  }
  if (inFlight.has(form)) {
    return;
  }
  dropPreloads(); // pages preloaded before the mutation may show data it changed
  const started = begin(submission, arbor);
  const submitted = {
    submission,
    entry: request(url.href, false, bodyOf(submission)),
    finish(succeeded) {
      if (inFlight.get(form) == submitted) {
        inFlight.delete(form);
        started.finish(succeeded);
      }
    },
  };
  inFlight.set(form, submitted);
  go(url.href, "submit", null, submitted);
}

/**
 * Posts a form as the browser would have, as a document: for an answer that is the form's page
 * again (nothing was done) but that this page cannot show (its outlet is gone). The host answers a
 * 422 it cannot send as a navigation with the complete document instead, so this is a last resort.
 */
function submitNatively(submitted) {
  const { form, submitter } = submitted.submission;
  form.setAttribute("data-arbor-reload", ""); // this time, the runtime leaves it alone
  form.requestSubmit(submitter);
}

/**
 * Scroll and focus after a form's answer: when it leads elsewhere (another page, or a `#target`),
 * as after a link; the form's page again (a 422) focuses what the server marked `autofocus` in the
 * new content (the error summary, a `role=alert` that announces itself); else the scroll stays, and
 * the focus too unless its element was replaced.
 */
function placeAnswer(leads, elsewhere, parent, start) {
  const marked = !leads && outletContent(start).nodes.filter((node) => node.nodeType == 1)
    .map((element) => element.matches("[autofocus]") ? element : element.querySelector("[autofocus]"))
    .find((found) => found);
  if (marked) {
    marked.focus();
  } else if (elsewhere) {
    placeView("push", null, parent, start);
    announce(document.title);
  } else if (!document.activeElement || document.activeElement == document.body) {
    focusContent(parent, start);
  }
}

/** Keeps the current entry's scroll position in its history state, for back and forward. */
function remember() {
  history.replaceState(Object.assign({}, history.state, { arborScroll: [window.scrollX, window.scrollY] }), "");
}

/**
 * The new page's head: its title and metas; its stylesheets and scripts that the document does not
 * have yet are added (scripts with the page's nonce, in order), so that a page's own script runs
 * when the page is navigated to. Metas, links and scripts the new page does not have stay.
 */
function applyHead(head) {
  if (head.title != null) {
    document.title = head.title;
  }
  (head.meta || []).forEach(([attribute, key, content]) => {
    let meta = [].find.call(document.head.querySelectorAll("meta"), (m) => m.getAttribute(attribute) == key);
    if (!meta) {
      meta = document.head.appendChild(document.createElement("meta"));
      meta.setAttribute(attribute, key);
    }
    meta.setAttribute("content", content);
  });
  const present = (name, url) => [].some.call(document.querySelectorAll("[" + name + "]"),
    (element) => element.getAttribute(name) == url);
  (head.link || []).forEach(([rel, href]) => {
    if (!present("href", href)) {
      const link = document.head.appendChild(document.createElement("link"));
      link.rel = rel;
      link.href = href;
    }
  });
  (head.script || []).forEach(([type, src]) => {
    if (!present("src", src)) {
      const script = document.createElement("script");
      script.nonce = nonce;
      script.async = false; // in order, as in a document
      if (type) {
        script.type = type;
      }
      script.src = src;
      document.head.appendChild(script);
    }
  });
}

/** Replaces an inert script (inserted from a template) with one that runs. */
function activate(inert) {
  const script = document.createElement("script");
  for (const attribute of inert.attributes) {
    script.setAttribute(attribute.name, attribute.value);
  }
  script.nonce = nonce;
  script.async = false;
  script.text = inert.text;
  inert.replaceWith(script);
}

/** aria-current="page" on the links of [data-arbor-nav] elements that lead to the page shown. */
function markCurrent() {
  for (const link of document.querySelectorAll("[data-arbor-nav] a[href]")) {
    if (withoutHash(link.href) == shownUrl) {
      link.setAttribute("aria-current", "page");
    } else {
      link.removeAttribute("aria-current");
    }
  }
}

/**
 * Scroll and focus for a new page: back and forward restore the scroll position; a new page
 * starts at the top, or at its hash's target. Focus moves to that target, or to the new content's
 * first heading (or the content itself), without scrolling, so that keyboard and screen reader
 * users start where the page shows them.
 */
function placeView(how, scroll, parent, start) {
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (how == "pop" && scroll) {
    window.scrollTo(scroll[0], scroll[1]);
  } else if (target) {
    target.scrollIntoView();
  } else {
    window.scrollTo(0, 0);
  }
  focusContent(parent, start, how != "pop" && target);
}

/** Focus on `focus`, or else on an outlet's new content: its first heading, or the content itself. */
function focusContent(parent, start, focus) {
  for (let node = start.nextSibling; node && !focus; node = node.nextSibling) {
    if (node.querySelector) {
      focus = node.matches("h1, h2") ? node : node.querySelector("h1, h2");
    }
  }
  focus = focus || parent;
  if (!focus.hasAttribute("tabindex")) {
    focus.setAttribute("tabindex", "-1");
  }
  focus.focus({ preventScroll: true });
}

/** Tells screen readers that a new page is shown, in a polite live region. */
function announce(text) {
  if (!announcer) {
    announcer = document.body.appendChild(document.createElement("div"));
    announcer.setAttribute("aria-live", "polite");
    announcer.setAttribute("aria-atomic", "true");
    announcer.setAttribute("data-arbor-announcer", "");
    announcer.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)";
  }
  announcer.textContent = text;
}

/** The pending indicator: data-arbor-pending on <html>, and arbor:navigating / arbor:navigated events. */
function pending(on, url) {
  // the element of now: a form's error answer may have replaced the document's
  document.documentElement.toggleAttribute("data-arbor-pending", on);
  document.dispatchEvent(new CustomEvent(on ? "arbor:navigating" : "arbor:navigated", { detail: { url } }));
}

/**
 * @param event a click, pointer or focus event
 * @return the same-origin link it concerns, if navigation may handle it
 */
function linkOf(event) {
  const link = event.target.closest && event.target.closest("a[href]");
  if (!link || (link.target && link.target != "_self") || link.hasAttribute("download")
      || link.closest("[data-arbor-reload]")) {
    return null;
  }
  const url = new URL(link.href, location.href);
  return url.origin == location.origin && /^https?:$/.test(url.protocol) ? link : null;
}

function preloadMode(link) {
  const marked = link.closest("[data-arbor-preload]");
  return marked ? marked.getAttribute("data-arbor-preload") : settings.preload;
}

function onClick(event) {
  const link = linkOf(event);
  if (!link || event.defaultPrevented || event.button || event.metaKey || event.ctrlKey || event.shiftKey
      || event.altKey) {
    return;
  }
  if (withoutHash(link.href) == shownUrl && link.hash) {
    return; // a jump within the page: the browser's
  }
  event.preventDefault();
  go(link.href, "push");
}

/** Intent: a pointer resting on a link for preloadDelay, a touch, or focus (at once). */
let intentTimer = 0;
let intentLink = null;
function onIntent(event) {
  const link = linkOf(event);
  if (!link || preloadMode(link) != "intent" || link == intentLink) {
    return;
  }
  clearTimeout(intentTimer);
  intentLink = link;
  if (event.type == "mouseover") {
    intentTimer = setTimeout(() => preload(link.href), settings.preloadDelay);
  } else {
    preload(link.href);
  }
}
function onLeave(event) {
  if (intentLink && !intentLink.contains(event.relatedTarget)) {
    clearTimeout(intentTimer);
    intentLink = null;
  }
}

/** Preloads the links marked "render" now and those marked "viewport" when they come into view. */
let observer;
function scan() {
  for (const link of document.querySelectorAll("a[href]")) {
    const mode = preloadMode(link);
    if (mode == "render" && linkOf({ target: link })) {
      preload(link.href);
    } else if (mode == "viewport" && window.IntersectionObserver) {
      observer = observer || new IntersectionObserver((entries) => entries.forEach((entry) => {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          linkOf({ target: entry.target }) && preload(entry.target.href);
        }
      }));
      observer.observe(link);
    }
  }
}

function install() {
  if (!$a || !$a.i || !window.fetch || !window.TextDecoder || arbor.navigate) {
    return; // no runtime, an old browser, or installed already: links stay plain
  }
  arbor.navigation = settings;
  /** Shows a page as a link would; {replace: true} replaces the history entry. */
  arbor.navigate = (url, options) => go(new URL(url, location.href).href, options && options.replace ? "replace" : "push");
  arbor.preload = preload;
  /** Renders the current page again through the same protocol (and resets its error boundaries). */
  arbor.revalidate = () => go(location.href, "revalidate");
  history.scrollRestoration = "manual";
  addEventListener("popstate", (event) => {
    const url = location.href;
    if (withoutHash(url) == shownUrl) {
      return; // only the hash changed
    }
    go(url, "pop", event.state && event.state.arborScroll);
  });
  // the browser's own restoration for a document load of this entry (a reload, a return from
  // another site); ours while the page runs
  addEventListener("pagehide", () => (history.scrollRestoration = "auto"));
  addEventListener("pageshow", () => (history.scrollRestoration = "manual"));
  document.addEventListener("click", onClick);
  document.addEventListener("submit", onSubmit);
  document.addEventListener("mouseover", onIntent);
  document.addEventListener("mouseout", onLeave);
  document.addEventListener("touchstart", onIntent, { passive: true });
  document.addEventListener("focusin", onIntent);
  markCurrent();
  scan();
}

install();
