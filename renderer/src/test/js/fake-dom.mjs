/**
 * A tiny DOM for the runtime's unit tests: just the part of the DOM the runtime touches (nodes,
 * comments, templates, attributes, a tree walker, focus), an HTML parser for the markup the
 * tests write, and serialization to compare results. No npm dependency: Node runs it as is.
 *
 * Not a browser: no CSS, no rendering, no events beyond what the runtime listens to. What it
 * models, it models as the DOM standard says (document order, isConnected, template contents
 * outside the tree, focus moving to the body when the focused element leaves).
 */

const ELEMENT = 1;
const TEXT = 3;
const COMMENT = 8;
const DOCUMENT = 9;
const FRAGMENT = 11;

const VOID = new Set(["br", "hr", "img", "input", "meta", "link"]);

class Node {
  constructor(nodeType, ownerDocument) {
    this.nodeType = nodeType;
    this.ownerDocument = ownerDocument;
    this.parentNode = null;
    this.childNodes = [];
  }

  get firstChild() {
    return this.childNodes[0] || null;
  }

  get lastChild() {
    return this.childNodes[this.childNodes.length - 1] || null;
  }

  get nextSibling() {
    const siblings = this.parentNode ? this.parentNode.childNodes : [];
    return siblings[siblings.indexOf(this) + 1] || null;
  }

  get previousSibling() {
    const siblings = this.parentNode ? this.parentNode.childNodes : [];
    return siblings[siblings.indexOf(this) - 1] || null;
  }

  get previousElementSibling() {
    let node = this.previousSibling;
    while (node && node.nodeType != ELEMENT) {
      node = node.previousSibling;
    }
    return node;
  }

  get isConnected() {
    let node = this;
    while (node.parentNode) {
      node = node.parentNode;
    }
    return node.nodeType == DOCUMENT;
  }

  contains(other) {
    for (let node = other; node; node = node.parentNode) {
      if (node == this) {
        return true;
      }
    }
    return false;
  }

  remove() {
    if (this.parentNode) {
      this.parentNode.removeChild(this);
    }
  }

  removeChild(child) {
    const at = this.childNodes.indexOf(child);
    if (at < 0) {
      throw new Error("removeChild: not a child");
    }
    this.childNodes.splice(at, 1);
    child.parentNode = null;
    return child;
  }

  insertBefore(node, reference) {
    if (reference && reference.parentNode != this) {
      throw new Error("insertBefore: the reference is not a child");
    }
    const nodes = node.nodeType == FRAGMENT ? [...node.childNodes] : [node];
    for (const n of nodes) {
      n.remove();
      n.parentNode = this;
    }
    const at = reference ? this.childNodes.indexOf(reference) : this.childNodes.length;
    this.childNodes.splice(at, 0, ...nodes);
    return node;
  }

  appendChild(node) {
    return this.insertBefore(node, null);
  }

  /** Every descendant, in document order (template contents are not descendants). */
  *descendants() {
    for (const child of this.childNodes) {
      yield child;
      yield* child.descendants();
    }
  }

  querySelectorAll(selectors) {
    const tests = selectors.split(",").map((s) => selectorTest(s.trim()));
    return [...this.descendants()].filter((n) => n.nodeType == ELEMENT && tests.some((t) => t(n)));
  }

  querySelector(selectors) {
    return this.querySelectorAll(selectors)[0] || null;
  }

  get innerHTML() {
    return this.childNodes.map(serialize).join("");
  }

  set innerHTML(html) {
    for (const child of [...this.childNodes]) {
      this.removeChild(child);
    }
    parseInto(this.nodeType == ELEMENT && this.tagName == "TEMPLATE" ? this.content : this, html);
  }
}

/** "*", "tag", "[attr]", "tag[attr]", "#id": what the tests and the runtime use. */
function selectorTest(selector) {
  const match = /^([a-z*]*)(?:\[([\w-]+)\])?(?:#([\w-]+))?$/.exec(selector);
  if (!match) {
    throw new Error("fake-dom does not support the selector " + selector);
  }
  const [, tag, attribute, id] = match;
  return (element) =>
    (!tag || tag == "*" || element.localName == tag) &&
    (!attribute || element.hasAttribute(attribute)) &&
    (!id || element.getAttribute("id") == id);
}

class Text extends Node {
  constructor(data, ownerDocument) {
    super(TEXT, ownerDocument);
    this.data = data;
  }

  *descendants() {}
}

class Comment extends Node {
  constructor(data, ownerDocument) {
    super(COMMENT, ownerDocument);
    this.data = data;
  }

  *descendants() {}
}

class DocumentFragment extends Node {
  constructor(ownerDocument) {
    super(FRAGMENT, ownerDocument);
  }
}

/** Elements that take focus, as browsers decide without CSS. */
function focusable(element) {
  if (element.hasAttribute("disabled")) {
    return false;
  }
  return (
    ["button", "input", "select", "textarea"].includes(element.localName) ||
    (element.localName == "a" && element.hasAttribute("href")) ||
    element.hasAttribute("tabindex")
  );
}

class Element extends Node {
  constructor(localName, ownerDocument) {
    super(ELEMENT, ownerDocument);
    this.localName = localName;
    this.tagName = localName.toUpperCase();
    this.attributes = new Map();
    if (localName == "template") {
      this.content = new DocumentFragment(ownerDocument);
    }
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }

  hasAttribute(name) {
    return this.attributes.has(name);
  }

  removeAttribute(name) {
    this.attributes.delete(name);
  }

  get id() {
    return this.getAttribute("id") || "";
  }

  focus() {
    if (this.isConnected && focusable(this)) {
      this.ownerDocument.focused = this;
    }
  }

  get outerHTML() {
    return serialize(this);
  }
}

class Document extends Node {
  constructor() {
    super(DOCUMENT, null);
    this.ownerDocument = null;
    this.readyState = "loading";
    this.currentScript = null;
    this.focused = null;
    this.listeners = {};
    const html = this.createElement("html");
    html.appendChild(this.createElement("head"));
    html.appendChild(this.createElement("body"));
    this.appendChild(html);
  }

  get documentElement() {
    return this.childNodes.find((n) => n.nodeType == ELEMENT) || null;
  }

  get body() {
    return this.documentElement.childNodes.find((n) => n.localName == "body") || null;
  }

  /** As in browsers: the focused element while it is in the document, else the body. */
  get activeElement() {
    return this.focused && this.focused.isConnected ? this.focused : this.body;
  }

  createElement(name) {
    return new Element(name.toLowerCase(), this);
  }

  createComment(data) {
    return new Comment(data, this);
  }

  createTreeWalker(root, whatToShow) {
    // whatToShow is a bit mask by node type: bit (nodeType - 1)
    const nodes = [...root.descendants()].filter((n) => whatToShow & (1 << (n.nodeType - 1)));
    let at = 0;
    return { nextNode: () => nodes[at++] || null };
  }

  addEventListener(type, listener) {
    (this.listeners[type] = this.listeners[type] || []).push(listener);
  }

  dispatch(type) {
    (this.listeners[type] || []).forEach((listener) => listener());
  }
}

/**
 * Parses the HTML the tests write: elements with quoted attributes ("" or ''), void elements, text and
 * comments; a <template>'s children go into its content. No entities, no implied end tags.
 */
function parseInto(parent, html) {
  const doc = parent.ownerDocument || parent;
  const open = [parent];
  const token = /<!--([\s\S]*?)-->|<\/([a-z0-9-]+)\s*>|<([a-z0-9-]+)((?:\s+[\w-]+(?:="[^"]*"|='[^']*')?)*)\s*\/?>|([^<]+)/gi;
  let match;
  let consumed = 0;
  while ((match = token.exec(html))) {
    if (match.index != consumed) {
      throw new Error("fake-dom cannot parse at: " + html.slice(consumed, consumed + 40));
    }
    consumed = token.lastIndex;
    const top = open[open.length - 1];
    const into = top.nodeType == ELEMENT && top.localName == "template" ? top.content : top;
    if (match[1] != null) {
      into.appendChild(new Comment(match[1], doc));
    } else if (match[2]) {
      const name = match[2].toLowerCase();
      if (top.localName != name) {
        throw new Error("fake-dom: </" + name + "> closes <" + top.localName + ">");
      }
      open.pop();
    } else if (match[3]) {
      const element = new Element(match[3].toLowerCase(), doc);
      for (const a of match[4].matchAll(/([\w-]+)(?:="([^"]*)"|='([^']*)')?/g)) {
        element.setAttribute(a[1], a[2] ?? a[3] ?? "");
      }
      into.appendChild(element);
      if (!VOID.has(element.localName)) {
        open.push(element);
      }
    } else {
      into.appendChild(new Text(match[5], doc));
    }
  }
  if (consumed != html.length || open.length != 1) {
    throw new Error("fake-dom: unclosed or unparsed HTML: " + html);
  }
}

function serialize(node) {
  switch (node.nodeType) {
    case TEXT:
      return node.data;
    case COMMENT:
      return "<!--" + node.data + "-->";
    case ELEMENT: {
      const attributes = [...node.attributes].map(([n, v]) => " " + n + '="' + v + '"').join("");
      const inner = node.localName == "template" ? node.content.innerHTML : node.innerHTML;
      return "<" + node.localName + attributes + ">" + (VOID.has(node.localName) ? "" : inner + "</" + node.localName + ">");
    }
    default:
      return node.innerHTML;
  }
}

/**
 * A document whose body holds the given HTML.
 *
 * @param bodyHtml the body's content
 * @return the document
 */
export function documentWith(bodyHtml) {
  const doc = new Document();
  doc.body.innerHTML = bodyHtml;
  return doc;
}

/**
 * Makes a document the global one (the runtime reads `document` and the window's
 * `addEventListener` as globals), with a window that records its listeners.
 *
 * @param doc the document
 * @return {window listeners by type, fire(type)}
 */
export function install(doc) {
  const windowListeners = {};
  globalThis.document = doc;
  globalThis.addEventListener = (type, listener) => {
    (windowListeners[type] = windowListeners[type] || []).push(listener);
  };
  return {
    windowListeners,
    /** The document is complete: readyState and the window's load event, as a browser does. */
    load() {
      doc.readyState = "complete";
      (windowListeners.load || []).forEach((listener) => listener());
    },
  };
}

/**
 * A <template> holding the given HTML: a content, as a framing hands it to applyInstructions.
 *
 * @param html the content
 * @return the template element (not in the document)
 */
export function template(html) {
  const t = globalThis.document.createElement("template");
  t.innerHTML = html;
  return t;
}
