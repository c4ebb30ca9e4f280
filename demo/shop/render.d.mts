// Types of the demo shop's page renderer (render.mjs), for the tests that read its stages.
interface Page {
  title: string;
  stage: string;
  body: string;
}
/** The shop's pages: each returns its title, journey stage and body. */
export declare const PAGES: {
  home(lang: 'vi' | 'en'): Page;
  books(lang: 'vi' | 'en'): Page;
  book(lang: 'vi' | 'en', o: { id: string }): Page | null;
  cart(lang: 'vi' | 'en', o: { cart: Record<string, number> }): Page;
  checkout(lang: 'vi' | 'en', o: { cart: Record<string, number> }): Page;
  thanks(lang: 'vi' | 'en', o: { order?: { id: string; total: number }; first?: boolean }): Page;
};
export declare const renderPage: (o: Record<string, unknown>) => string;
export declare const cartLines: (cart: Record<string, number>) => { book: unknown; quantity: number }[];
export declare const cartTotal: (cart: Record<string, number>) => number;
