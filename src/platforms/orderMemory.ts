/**
 * The order ids this browser has already recorded, so a reloaded or revisited thank-you page
 * that pushes `purchase` again records it once. Kept in localStorage (`<storageKey>-orders`, the
 * last 50 ids) only while `mayStore()` says consent allows it; until then the ids wait in memory
 * and are written by `save()` once it does (the tracker sends the held order at that moment too).
 */
import { withLs } from '../core/localStore';

/** How many order ids are remembered. */
const KEEP = 50;

/** A set of recorded order ids, persisted per `storageKey`. */
export interface OrderMemory {
  has(orderId: string): boolean;
  add(orderId: string): void;
  /** Write the ids kept in memory, if storing is allowed now. */
  save(): void;
}

/** The memory of `storageKey`; writes only when `mayStore()` is true. */
export const orderMemory = (storageKey: string, mayStore: () => boolean): OrderMemory => {
  const key = `${storageKey}-orders`;
  const seen = new Set<string>();
  const unsaved = new Set<string>();
  const stored = (): string[] => {
    try {
      const list = JSON.parse(withLs((s) => s.getItem(key)) ?? '[]');
      return Array.isArray(list) ? list.filter((x) => typeof x === 'string') : [];
    } catch {
      return [];
    }
  };
  const save = () => {
    if (!unsaved.size || !mayStore()) return;
    const list = [...stored().filter((x) => !unsaved.has(x)), ...unsaved];
    unsaved.clear();
    withLs((s) => s.setItem(key, JSON.stringify(list.slice(-KEEP))));
  };
  return {
    has: (id) => seen.has(id) || stored().includes(id),
    add(id) {
      seen.add(id);
      unsaved.add(id);
      save();
    },
    save,
  };
};
