import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { fanoutApiPlugin } from './src/server/vite-plugin.ts';

/**
 * The modules the page's entry imports statically (directly or through others): everything the
 * first screen loads. Filled at the end of the client build's module graph, read when chunks
 * are made.
 */
const firstScreen = new Set<string>();

/**
 * Without this, Rolldown gives every module that the entry shares with a lazy chunk (the trace
 * store, metrics, formats…) a small chunk of its own: about twenty files that the first screen
 * loads anyway, each a request and each compressed apart (+8 KB gzip measured). With it, those
 * modules stay in the entry's chunk and lazy chunks import them from there.
 */
function firstScreenModules(): Plugin {
  return {
    name: 'fanout-first-screen-modules',
    apply: 'build',
    buildEnd() {
      firstScreen.clear();
      const queue = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
      for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
        if (firstScreen.has(id)) continue;
        firstScreen.add(id);
        queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react(), fanoutApiPlugin(), firstScreenModules()],
  build: isSsrBuild
    ? { outDir: 'dist/server', emptyOutDir: true, target: 'node22', sourcemap: true }
    : {
        outDir: 'dist/client',
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: true,
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [{ name: 'index', test: (id: string) => firstScreen.has(id) }],
            },
          },
        },
      },
  server: { port: Number(process.env.PORT ?? 5173) },
  preview: { port: 4173 },
}));
