/**
 * Form submissions (README, "Actions"), for the navigation script: which submits the runtime
 * takes over, what it sends, the busy state of a form in flight, and optimistic updates of the
 * query cache with their rollback. navigation.mjs sends the request and applies the answer: the
 * action's result and the page it leads to, streamed in the frame framing like any navigation
 * (single flight: one request, no second one for the page).
 */

/**
 * What the runtime sends for a submit event, or null when the browser must submit the form itself.
 * The runtime takes over only the forms that say so with `data-arbor-form` (`Forms.form` writes it),
 * since only the host's actions answer a post in its protocol; and not a dialog form, one with
 * another target, another origin or `text/plain`, or one inside `[data-arbor-reload]`. The submit
 * button's own `formaction`, `formmethod`, `formenctype` and `formtarget` win over the form's, as
 * in the browser.
 *
 * @param event a submit event
 * @param base the document's base URL, against which actions resolve
 * @param origin the page's origin
 * @return {form, submitter, method ("get" or "post"), url, data (FormData), multipart} or null
 */
export function submissionOf(event, base, origin) {
  const form = event.target;
  const submitter = event.submitter;
  const attribute = (name) => (submitter && submitter.getAttribute("form" + name)) || form.getAttribute(name);
  const method = (attribute("method") || "get").toLowerCase();
  const enctype = (attribute("enctype") || "").toLowerCase();
  const target = attribute("target");
  const url = new URL(attribute("action") || base, base);
  if (event.defaultPrevented || !form.hasAttribute("data-arbor-form") || (method != "get" && method != "post")
      || (target && target != "_self") || enctype == "text/plain" || form.closest("[data-arbor-reload]")
      || url.origin != origin) {
    return null;
  }
  return { form, submitter, method, url, data: formData(form, submitter), multipart: enctype == "multipart/form-data" };
}

/**
 * The fields as the browser would send them, the clicked button's in document order (an image
 * button's as `name.x` and `name.y`); browsers before FormData's submitter argument (2023) add the
 * button's name and value last.
 */
function formData(form, submitter) {
  let data;
  try {
    data = new FormData(form, submitter);
  } catch (old) {
    data = new FormData(form); // a browser that checks its arguments and takes one
  }
  // one that ignores the second argument leaves the button out
  if (submitter && submitter.name && !data.has(submitter.name) && !data.has(submitter.name + ".x")) {
    data.append(submitter.name, submitter.value);
  }
  return data;
}

/** @return the body a submission sends: multipart as the form asks, urlencoded otherwise */
export function bodyOf(submission) {
  return submission.multipart ? submission.data : urlEncoded(submission.data);
}

/**
 * @param data a form's fields
 * @return them urlencoded (a body, or a GET form's query), where a file field sends its file's
 *     name, as the browser does
 */
export function urlEncoded(data) {
  return new URLSearchParams([...data].map(([name, value]) => [name, value.name == null ? value : value.name]));
}

/**
 * Starts a submission: the form and its button are marked busy, and page code may update the
 * cache at once in an `arbor:submit` listener:
 *
 *     document.addEventListener("arbor:submit", (event) => {
 *       event.detail.optimistic(["reviews", id], (reviews) => [mine, ...reviews]);
 *     });
 *
 * An optimistic value is written as of time 0, so that whatever the server sends for the key
 * replaces it (arbor.mjs, setQueryData); `finish(false)` puts back the value each key held, unless
 * something newer came in the meantime.
 *
 * @param submission what submissionOf gave
 * @param arbor the runtime's public API
 * @return {finish(succeeded)}: ends the busy state, and rolls back when the action failed
 */
export function begin(submission, arbor) {
  const { form, submitter } = submission;
  const guesses = [];
  form.dispatchEvent(new CustomEvent("arbor:submit", {
    bubbles: true,
    detail: {
      form,
      formData: submission.data,
      optimistic(key, update) {
        const before = arbor.getQueryData(key);
        const guess = update(before);
        guesses.push({ key, before, guess });
        arbor.setQueryData(key, guess, 0);
      },
    },
  }));
  busy(form, submitter, true);
  let finished = false;
  return {
    finish(succeeded) {
      if (finished) {
        return;
      }
      finished = true;
      busy(form, submitter, false);
      if (!succeeded) {
        // newest first, so that two guesses on one key end with the first one's "before"
        guesses.reverse().forEach(({ key, before, guess }) => {
          if (arbor.getQueryData(key) === guess) {
            arbor.setQueryData(key, before, 0);
          }
        });
      }
    },
  };
}

/**
 * A form in flight: `aria-busy` for assistive technology, `data-arbor-submitting` for styles, and
 * `aria-disabled` on its button (not `disabled`, which would take the focus away from it).
 */
function busy(form, submitter, on) {
  form.toggleAttribute("data-arbor-submitting", on);
  if (on) {
    form.setAttribute("aria-busy", "true");
    submitter && submitter.setAttribute("aria-disabled", "true");
  } else {
    form.removeAttribute("aria-busy");
    submitter && submitter.removeAttribute("aria-disabled");
  }
}

/**
 * Shows an answer that is not a page in frames (a refused form's 403 or 413, an action's failure
 * page) as the browser would have shown it without the runtime: as the document, here.
 *
 * @param response the answer
 * @param still whether the answer is still wanted once read (no navigation superseded it)
 * @return a promise of the shown document's title, or of null when it was not shown
 */
export function showDocument(response, still) {
  return response.text().then((text) => {
    if (!still()) {
      return null;
    }
    const html = (response.headers.get("Content-Type") || "").indexOf("text/html") == 0;
    const parsed = new DOMParser().parseFromString(html ? text : "", "text/html");
    // parsed without scripting, a <noscript>'s content would count: its field would tell the host
    // that the next post comes from a browser without JavaScript
    parsed.querySelectorAll("noscript").forEach((element) => element.remove());
    if (!html) {
      parsed.body.appendChild(parsed.createElement("pre")).textContent = text;
      parsed.title = response.status + " " + response.statusText;
    }
    document.documentElement.replaceWith(document.adoptNode(parsed.documentElement));
    return document.title;
  });
}
