/** Content types of the static files the demo server and the test server send. */
export declare const TYPES: Record<string, string>;
