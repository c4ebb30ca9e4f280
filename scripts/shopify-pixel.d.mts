// Types of scripts/shopify-pixel.mjs, for the tests that use it.

/** Settings of the Shopify custom pixel. */
export interface ShopifyPixelSettings {
  /** Collector base URL or full batch URL (http or https). */
  endpoint: string;
  /** Write key sent with every batch. Default: none. */
  writeKey?: string;
}

/** The pixel code (`dist/shopify-pixel.js`, or `template`) with the settings filled in; throws a TypeError naming a bad setting. */
export declare const shopifyPixel: (settings: ShopifyPixelSettings, template?: string) => string;
