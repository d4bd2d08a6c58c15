import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The API (apps/api) listens on :3000 in development; in production it serves apps/web/dist itself.
export default defineConfig({
  root,
  base: '/',
  // Keep Vite's cache in the workspace's node_modules rather than creating apps/web/node_modules.
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite/web', import.meta.url)),
  plugins: [react()],
  // The one library the dashboard imports (apps/web/tsconfig.json has the same path).
  resolve: { alias: { '@seology/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: 'hidden',
    target: 'es2022',
  },
  server: {
    port: 4200,
    strictPort: true,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: { port: 4300 },
});
