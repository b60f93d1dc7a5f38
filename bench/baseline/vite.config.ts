import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The baseline page: built by `npm run bench` into bench/out/baseline, never part of the app. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/baseline/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../out/baseline', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
});
