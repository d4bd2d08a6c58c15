import { defineConfig } from 'vite';

// Built by startRenderFixtureSite() into a temporary directory (RENDER_FIXTURE_OUT); never served by Vite itself.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  logLevel: 'warn',
  cacheDir: process.env.RENDER_FIXTURE_CACHE,
  build: { outDir: process.env.RENDER_FIXTURE_OUT, emptyOutDir: true, target: 'es2022', sourcemap: false },
});
