import { defineConfig } from 'vite';

// Built with `vite build apps/portal` (this folder is the root), so paths here are relative to it.
// JSX goes through Vite's built-in transform (automatic runtime): no React plugin is needed.
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npx vite apps/portal` during development: GraphQL goes to the API of `npm start`.
    proxy: { '/graphql': 'http://127.0.0.1:3000' },
  },
});
