import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { BUNDLED_DEPS } from './scripts/bundled-deps';
import { appChunkName, preloadAppChunk } from './scripts/preload-app-chunk';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // better-sqlite3 is a native addon: it stays in node_modules and is loaded at run time, as do
      // the libraries loaded only when needed. Those of many small modules are bundled (start-up).
      externalizeDeps: { exclude: BUNDLED_DEPS },
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require nothing but 'electron', so everything it uses is bundled.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react(), preloadAppChunk(resolve('renderer/src/root.tsx'))],
    build: {
      outDir: resolve('out/renderer'),
      minify: true,
      rollupOptions: {
        input: { index: resolve('renderer/index.html') },
        // The page's entry (main.tsx) sends the start-up requests; the console (root.tsx) and all it
        // needs statically is one chunk, preloaded by the HTML. Lazy views keep their own chunks.
        output: {
          codeSplitting: {
            groups: [
              {
                name: appChunkName(resolve('renderer/src/main.tsx'), resolve('renderer/src/root.tsx')),
                includeDependenciesRecursively: false,
              },
            ],
          },
        },
      },
    },
  },
});
