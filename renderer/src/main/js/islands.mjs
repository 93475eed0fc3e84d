/**
 * Islands: server-rendered elements that page code brings to life. A page registers a mount
 * function by name; the runtime calls it once per element, for elements in the page when both
 * are there and for elements that stream in later.
 */

/** name -> mount function(element, props); without a prototype, so that no name meets its names */
const mounts = Object.create(null);

/**
 * Mounts every island under a root whose mount function is registered and that is not mounted
 * yet. Content still in a <template> is not under the root, so it waits for its swap.
 *
 * @param root an element, or the document
 */
export function mountIslands(root) {
  for (const element of root.querySelectorAll("[data-arbor-island]")) {
    const mount = mounts[element.getAttribute("data-arbor-island")];
    if (mount && !element.mounted) {
      element.mounted = true;
      mount(element, JSON.parse(element.getAttribute("data-props")));
    }
  }
}

/**
 * `arbor.island(name, mount)`: registers a mount function and mounts the islands already there
 * (a page script may run before or after its islands stream in).
 *
 * @param name the island's name
 * @param mount function(element, props)
 */
export function registerIsland(name, mount) {
  mounts[name] = mount;
  mountIslands(document);
}
