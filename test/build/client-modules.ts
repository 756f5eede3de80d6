/**
 * Names the source modules behind a client chunk. Turbopack's production chunks carry numeric
 * module ids only, so the budget test bundles the same client components again with esbuild
 * (already installed: tsx runs on it) to learn which imported modules weigh most. The sizes are
 * esbuild's minified bytes, close to but not the same as Turbopack's; they rank, not measure.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";

/**
 * A "use server" module imported by a client component ships as a reference to the server
 * action, not its code: stand each one in with empty exports of the same names.
 */
const serverActionsAsReferences: Plugin = {
  name: "server-actions-as-references",
  setup(setup) {
    setup.onLoad({ filter: /\.(ts|tsx)$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!/^\s*["']use server["']/.test(text)) return undefined;
      const names = [...text.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(\w+)/g)];
      return {
        contents: names.map((match) => `export const ${match[1]} = null;`).join("\n"),
        loader: "ts",
      };
    });
  },
};

/**
 * The `limit` largest modules the entry chunks of `entries` (source paths relative to `root`)
 * contain; code behind import() is split off, as it is in the real build.
 */
export async function largestModules(
  root: string,
  entries: readonly string[],
  limit: number,
): Promise<{ module: string; bytes: number }[]> {
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: entries.map((entry) => path.join(root, entry)),
      bundle: true,
      splitting: true,
      format: "esm",
      minify: true,
      write: false,
      metafile: true,
      outdir: path.join(root, ".next", "cache", "first-load-modules"),
      platform: "browser",
      jsx: "automatic",
      // Next's and React's own code is the bare page's too; only the app's additions matter.
      external: ["next", "next/*", "react", "react/*", "react-dom", "react-dom/*"],
      tsconfig: path.join(root, "tsconfig.json"),
      logLevel: "silent",
      plugins: [serverActionsAsReferences],
    });
    // The entry chunks and the chunks they import statically; not those behind import().
    const outputs = result.metafile.outputs;
    // Code behind import() is an entry point of its own in the metafile; start from ours only.
    const requested = new Set(entries.map((entry) => path.normalize(entry)));
    const firstLoad = new Set(
      Object.keys(outputs).filter((file) => requested.has(outputs[file]!.entryPoint ?? "")),
    );
    for (const file of firstLoad) {
      for (const imported of outputs[file]!.imports) {
        if (imported.kind === "import-statement" && outputs[imported.path]) {
          firstLoad.add(imported.path);
        }
      }
    }
    const sizes = new Map<string, number>();
    for (const file of firstLoad) {
      for (const [input, { bytesInOutput }] of Object.entries(outputs[file]!.inputs)) {
        sizes.set(input, (sizes.get(input) ?? 0) + bytesInOutput);
      }
    }
    return [...sizes]
      .map(([module, bytes]) => ({ module, bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, limit);
  } catch (error) {
    // The report is still useful with the chunk and component names alone.
    return [
      { module: `(could not bundle to name modules: ${String(error).slice(0, 200)})`, bytes: 0 },
    ];
  }
}
