// Making the page's elements. Text goes in as text (textContent), never as markup: the names in a
// layer are strangers', and `<img src=x onerror=…>` as a file name must be shown, not run.
export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: ReadonlyArray<Node | null> = [],
): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  if (options.className !== undefined) made.className = options.className;
  if (options.text !== undefined) made.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) made.setAttribute(name, value);
  for (const child of children) if (child !== null) made.append(child);
  return made;
}

/** A panel: a titled section with a line of help. */
export function panel(id: string, title: string, help: string | undefined, children: ReadonlyArray<Node | null>): HTMLElement {
  return element("section", { attrs: { id, "aria-labelledby": `${id}-title` } }, [
    element("h2", { text: title, attrs: { id: `${id}-title` } }),
    help === undefined ? null : element("p", { className: "help", text: help }),
    ...children,
  ]);
}
