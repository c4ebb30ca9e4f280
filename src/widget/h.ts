/**
 * Create an element with attributes and children. Strings become text nodes, never HTML, so user
 * and survey text can not inject markup.
 */
export const h = (tag: string, attrs: Record<string, string> = {}, kids: (Node | string)[] | string = []): HTMLElement => {
  const el = document.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]!);
  el.append(...[kids].flat());
  return el;
};
