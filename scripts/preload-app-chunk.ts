// A Vite plugin for the renderer's build: the page's entry (renderer/src/main.tsx) is small and
// imports the console (root.tsx) dynamically, so that the start-up requests go out before React is
// compiled. Vite preloads only an entry's static imports from the HTML; this adds the dynamically
// imported console chunk, the chunks it imports and their CSS to the HTML's head, so they are
// fetched in parallel with the entry rather than after it has run. Tags only: no inline script,
// the CSP stays as it is.
import type { HtmlTagDescriptor, Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  imports: string[];
  moduleIds: string[];
  viteMetadata?: { importedCss: Set<string> };
}

export function preloadAppChunk(entryModule: string): Plugin {
  let base = './';
  return {
    name: 'support-console:preload-app-chunk',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((o): o is typeof o & ChunkLike => o.type === 'chunk');
        const app = chunks.find((c) => c.moduleIds.includes(entryModule));
        if (!app) {
          throw new Error(`preload-app-chunk: no chunk for ${entryModule}; was it renamed or inlined?`);
        }
        const href = (file: string) => (base === '' || base === './' ? `./${file}` : `${base}${file}`);
        // What the HTML already loads: the entry, its static imports and its CSS.
        const loaded = new Set(chunks.map((c) => c.fileName).filter((f) => html.includes(`"${href(f)}"`)));
        const scripts: string[] = [];
        const styles: string[] = [];
        const visit = (fileName: string): void => {
          if (loaded.has(fileName)) return;
          loaded.add(fileName);
          const chunk = chunks.find((c) => c.fileName === fileName);
          if (!chunk) return;
          scripts.push(fileName);
          for (const css of chunk.viteMetadata?.importedCss ?? []) {
            if (!html.includes(`"${href(css)}"`)) styles.push(css);
          }
          chunk.imports.forEach(visit);
        };
        visit(app.fileName);
        const tags: HtmlTagDescriptor[] = [
          ...scripts.map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: href(f) },
            injectTo: 'head' as const,
          })),
          ...styles.map((f) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: href(f) },
            injectTo: 'head' as const,
          })),
        ];
        return tags;
      },
    },
  };
}

interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

/**
 * The console's chunking (output.codeSplitting.groups[].name): every module the app module needs
 * statically, and the entry does not, goes into one chunk with it, rather than into small shared
 * chunks that the browser (six connections to one host) would fetch one after another.
 */
export function appChunkName(entryModule: string, appModule: string) {
  let app: Set<string> | null = null;
  const reach = (graph: ModuleGraph, from: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
    }
    return seen;
  };
  return (id: string, graph: ModuleGraph): string | null => {
    if (!app) {
      const entry = reach(graph, entryModule);
      app = new Set([...reach(graph, appModule)].filter((m) => !entry.has(m)));
    }
    return app.has(id) ? 'root' : null;
  };
}
