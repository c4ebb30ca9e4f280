/**
 * Any value as text for an error message. A template literal throws for a Symbol, for an object
 * whose `toString` throws and for a revoked Proxy; a message about a bad call must never itself
 * throw into the host page.
 */
export const safeText = (value: unknown): string => {
  try {
    return String(value);
  } catch {
    return `[unprintable ${typeof value}]`;
  }
};
