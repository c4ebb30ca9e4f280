export declare const brotli: (buf: Uint8Array) => number;
export declare const FILES: string[];
export declare const measure: (file: string) => { file: string; min: number; gzip: number; brotli: number };
