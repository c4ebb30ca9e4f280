/**
 * Who the visitor is: an anonymous id, the user id once known, and a session that rolls over
 * after a period of inactivity. Kept in `localStorage` (never a cookie): it is synchronous, so
 * the ids are there from the first call and while a page is being torn down, and it is shared
 * by the origin's tabs, so one session spans them. Nothing is written until `persist` is on
 * (consent granted, not anonymous); until then the ids live in memory only.
 */
import { withLs } from './localStore';
import { uuid } from './uuid';

export interface Identity {
  anonymousId(): string;
  userId(): string | undefined;
  /** Session ids for events at times `ts` (ms, in order); a session rolls over after `timeoutMs` of inactivity. */
  sessions(ts: number[]): string[];
  setUser(id: string): void;
  /** New anonymous id and session, no user (logout). */
  reset(): void;
  /** Start (true) or stop and erase (false) keeping the ids on the device. */
  persist(on: boolean): void;
}

interface Saved {
  a: string;
  u?: string;
  s?: { id: string; last: number };
}

export const createIdentity = (key: string, timeoutMs: number, persist: boolean): Identity => {
  const read = (): Saved | undefined =>
    withLs((s) => {
      const v = JSON.parse(s.getItem(key) ?? 'null');
      return typeof v?.a === 'string' ? v : undefined;
    });
  let on = persist;
  let state: Saved = (on && read()) || { a: uuid() };
  // Quota or blocked storage: the ids still work for this page.
  const save = () => on && withLs((s) => s.setItem(key, JSON.stringify(state)));
  save();
  return {
    anonymousId: () => state.a,
    userId: () => state.u,
    sessions(ts) {
      // Another tab may have moved the session on: read the shared copy first.
      // (a reset or identify there must win here too).
      if (on) state = read() ?? state;
      const ids = ts.map((t) => {
        const s = state.s;
        if (!s || t - s.last > timeoutMs) state.s = { id: uuid(), last: t };
        else s.last = Math.max(s.last, t);
        return state.s!.id;
      });
      save();
      return ids;
    },
    setUser(id) {
      state.u = id;
      save();
    },
    reset() {
      state = { a: uuid() };
      save();
    },
    persist(p) {
      on = p;
      // A returning visitor who grants consent again keeps the ids stored with the last grant.
      if (p) state = read() ?? (save(), state);
      else withLs((s) => s.removeItem(key));
    },
  };
};
