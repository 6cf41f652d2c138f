// Types for the parts of bootstrap.mjs that TypeScript code (the test harness) uses.
/** Builds the web client (Vite, production mode) when its build is missing or older than its sources. */
export function ensureWebclientBuilt(root: string): void;
