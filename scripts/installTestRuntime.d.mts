// Types for the plain-JS runtime installer, imported by the TypeScript demo.
export declare const root: string;
export declare const runtimeDir: string;
export declare const codeServerVersion: string;
export declare const serverMain: string;
export declare const chromiumPath: string;
export declare function ensureCodeServer(): void;
export declare function ensureTestRuntime(): void;
