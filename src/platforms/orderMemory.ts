/**
 * The order ids this browser has already recorded, so a reloaded or revisited thank-you page
 * that pushes `purchase` again records it once. Kept in localStorage (`<storageKey>-orders`, the
 * last 50 ids) only for orders the tracker accepted — with consent denied nothing reaches it, so
 * nothing is written — and in memory where localStorage is blocked or under GPC's anonymous mode.
 */
import { withLs } from '../core/localStore';

/** How many order ids are remembered. */
const KEEP = 50;

/** A set of recorded order ids, persisted per `storageKey`. */
export interface OrderMemory {
  has(orderId: string): boolean;
  add(orderId: string): void;
}

/** The memory of `storageKey`; `persist` false keeps it in this page only. */
export const orderMemory = (storageKey: string, persist: boolean): OrderMemory => {
  const key = `${storageKey}-orders`;
  const seen = new Set<string>();
  const stored = (): string[] => {
    if (!persist) return [];
    try {
      const list = JSON.parse(withLs((s) => s.getItem(key)) ?? '[]');
      return Array.isArray(list) ? list.filter((x) => typeof x === 'string') : [];
    } catch {
      return [];
    }
  };
  return {
    has: (id) => seen.has(id) || stored().includes(id),
    add(id) {
      seen.add(id);
      if (!persist) return;
      const list = stored().filter((x) => x !== id);
      list.push(id);
      withLs((s) => s.setItem(key, JSON.stringify(list.slice(-KEEP))));
    },
  };
};
