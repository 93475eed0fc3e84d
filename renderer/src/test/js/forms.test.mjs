/** Forms: which submits the runtime takes over and what it sends; busy state; optimistic updates. */
import assert from "node:assert/strict";
import test from "node:test";
import { begin, bodyOf, submissionOf } from "../../main/js/forms.mjs";

const BASE = "https://shop.example/products/tent";

/**
 * A form element with what forms.mjs reads: attributes, closest, events; its fields as pairs.
 * Forms are Arbor's (`data-arbor-form`) unless a test says otherwise.
 */
function element(attributes = {}, fields = [], inside = null) {
  const attrs = new Map(Object.entries(Object.assign({ "data-arbor-form": "" }, attributes)).filter(([, v]) => v != null));
  return {
    fields,
    events: [],
    name: attrs.get("name") || "",
    value: attrs.get("value") || "",
    getAttribute: (name) => (attrs.has(name) ? attrs.get(name) : null),
    setAttribute: (name, value) => attrs.set(name, String(value)),
    removeAttribute: (name) => attrs.delete(name),
    hasAttribute: (name) => attrs.has(name),
    toggleAttribute(name, on) {
      on ? attrs.set(name, "") : attrs.delete(name);
    },
    closest: (selector) => (selector == "[data-arbor-reload]" && (attrs.has("data-arbor-reload") || inside) ? {} : null),
    dispatchEvent(event) {
      this.events.push(event);
      (this.listener || (() => {}))(event);
    },
  };
}

// Node's FormData cannot read a form: this one takes the fake form's pairs, and the submitter's
// last (a browser puts it in document order), as the browser does
class FakeFormData {
  constructor(form, submitter) {
    this.pairs = form.fields.slice();
    if (submitter && submitter.name) {
      this.pairs.push([submitter.name, "(" + submitter.value + ")"]);
    }
  }
  append(name, value) {
    this.pairs.push([name, value]);
  }
  has(name) {
    return this.pairs.some(([n]) => n == name);
  }
  [Symbol.iterator]() {
    return this.pairs[Symbol.iterator]();
  }
}
globalThis.FormData = FakeFormData;

const ORIGIN = "https://shop.example";

const submit = (form, submitter, defaultPrevented = false) => ({ target: form, submitter, defaultPrevented });

test("a post form goes to its action, urlencoded, with the clicked button's name and value", () => {
  const form = element({ method: "POST", action: "/products/tent/reviews" }, [["_csrf", "t"], ["text", "Dry & warm"]]);
  const submission = submissionOf(submit(form, element({ name: "stars", value: "5" })), BASE, ORIGIN);
  assert.equal(submission.method, "post");
  assert.equal(submission.url.href, "https://shop.example/products/tent/reviews");
  assert.equal(bodyOf(submission).toString(), "_csrf=t&text=Dry+%26+warm&stars=%285%29");
});

/** The body a post sends with the clicked button "stars" = 5, under another browser's FormData. */
function postedUnder(OldFormData) {
  globalThis.FormData = OldFormData;
  try {
    const form = element({ method: "post" }, [["text", "a"]]);
    return bodyOf(submissionOf(submit(form, element({ name: "stars", value: "5" })), BASE, ORIGIN)).toString();
  } finally {
    globalThis.FormData = FakeFormData;
  }
}

test("a browser whose FormData ignores the submitter gets the button's field added last", () => {
  const ignoring = class extends FakeFormData {
    constructor(form) {
      super(form); // the second argument, unknown to it, is dropped
    }
  };
  assert.equal(postedUnder(ignoring), "text=a&stars=5");
});

test("a browser whose FormData takes no submitter gets the button's field added last", () => {
  const refusing = class extends FakeFormData {
    constructor(form, submitter) {
      if (submitter) {
        throw new TypeError("FormData takes one argument here");
      }
      super(form);
    }
  };
  assert.equal(postedUnder(refusing), "text=a&stars=5");
});

test("urlencoded, a file field sends its file's name, as the browser does", () => {
  const form = element({ method: "post" }, [["photo", { name: "tent.jpg", size: 3 }], ["text", "a"]]);
  assert.equal(bodyOf(submissionOf(submit(form), BASE, ORIGIN)).toString(), "photo=tent.jpg&text=a");
});

test("a form without action or method is a GET of the page itself", () => {
  const submission = submissionOf(submit(element({}, [["q", "tent"]])), BASE, ORIGIN);
  assert.equal(submission.method, "get");
  assert.equal(submission.url.href, BASE);
});

test("the button's formaction, formmethod and formenctype win over the form's", () => {
  const form = element({ method: "get", action: "/search" });
  const button = element({ formaction: "/upload", formmethod: "post", formenctype: "multipart/form-data" });
  const submission = submissionOf(submit(form, button), BASE, ORIGIN);
  assert.equal(submission.method, "post");
  assert.equal(submission.url.pathname, "/upload");
  assert.ok(bodyOf(submission) instanceof FormData, "multipart: the FormData itself");
});

test("the browser keeps what the runtime cannot or must not send", () => {
  const none = (form, submitter, prevented) => assert.equal(submissionOf(submit(form, submitter, prevented), BASE, ORIGIN), null);
  none(element({ method: "dialog" }));
  none(element({ method: "post", target: "_blank" }));
  none(element({ method: "post" }), element({ formtarget: "frame" }));
  none(element({ method: "post", enctype: "text/plain" }));
  none(element({ method: "post", action: "https://elsewhere.example/pay" }));
  none(element({ method: "post", "data-arbor-reload": "" }));
  none(element({ method: "post" }, [], "inside a [data-arbor-reload]"));
  none(element({ method: "post" }), undefined, true);
  none(element({ method: "post", "data-arbor-form": null }));
  assert.notEqual(submissionOf(submit(element({ method: "post", target: "_self" })), BASE, ORIGIN), null);
});

/** The runtime's cache API, as arbor.mjs has it: data with the time it was true. */
function cache() {
  const entries = new Map();
  return {
    entries,
    getQueryData: (key) => (entries.get(JSON.stringify(key)) || {}).data,
    setQueryData: (key, data, updatedAt = Date.now()) => entries.set(JSON.stringify(key), { data, updatedAt }),
  };
}

globalThis.CustomEvent = class {
  constructor(type, init) {
    this.type = type;
    this.bubbles = init.bubbles;
    this.detail = init.detail;
  }
};

test("a submission marks the form and its button busy until it finishes", () => {
  const form = element({ method: "post" });
  const button = element({});
  const started = begin(submissionOf(submit(form, button), BASE, ORIGIN), cache());
  assert.equal(form.getAttribute("aria-busy"), "true");
  assert.ok(form.hasAttribute("data-arbor-submitting"));
  assert.equal(button.getAttribute("aria-disabled"), "true");
  started.finish(true);
  assert.equal(form.getAttribute("aria-busy"), null);
  assert.equal(form.hasAttribute("data-arbor-submitting"), false);
  assert.equal(button.getAttribute("aria-disabled"), null);
});

test("optimistic data shows at once, as a guess any server data replaces, and stays when the action succeeds", () => {
  const arbor = cache();
  arbor.setQueryData(["reviews", "tent"], ["old"], 5000);
  const form = element({ method: "post" }, [["text", "new"]]);
  form.listener = (event) => event.detail.optimistic(["reviews", "tent"], (list) => [...event.detail.formData].map(([, v]) => v).concat(list));
  const started = begin(submissionOf(submit(form), BASE, ORIGIN), arbor);
  assert.equal(form.events[0].type, "arbor:submit");
  assert.ok(form.events[0].bubbles);
  assert.deepEqual(arbor.getQueryData(["reviews", "tent"]), ["new", "old"]);
  assert.equal(arbor.entries.get('["reviews","tent"]').updatedAt, 0, "older than anything the server sends");
  started.finish(true);
  assert.deepEqual(arbor.getQueryData(["reviews", "tent"]), ["new", "old"]);
});

test("a failed action rolls its optimistic data back, unless newer data came in meanwhile", () => {
  const arbor = cache();
  arbor.setQueryData(["count"], 3);
  arbor.setQueryData(["title"], "Tent");
  const form = element({ method: "post" });
  form.listener = (event) => {
    event.detail.optimistic(["count"], (n) => n + 1);
    event.detail.optimistic(["count"], (n) => n + 1);
    event.detail.optimistic(["title"], () => "Tent (saving)");
  };
  const started = begin(submissionOf(submit(form), BASE, ORIGIN), arbor);
  assert.equal(arbor.getQueryData(["count"]), 5);
  arbor.setQueryData(["title"], "Tent, renamed elsewhere"); // the server's, streamed meanwhile
  started.finish(false);
  started.finish(false); // once only
  assert.equal(arbor.getQueryData(["count"]), 3, "both guesses undone, in reverse");
  assert.equal(arbor.getQueryData(["title"]), "Tent, renamed elsewhere");
});
