// Production build of the web client: one hashed script and stylesheet under assets/, an
// index.html with no inline script or style (the gateway's CSP is script-src/style-src 'self').
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  // public/ holds the gateway's placeholder page, not assets of this app.
  publicDir: false,
  base: '/',
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // No inline <script> for the module-preload polyfill (CSP).
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
});
