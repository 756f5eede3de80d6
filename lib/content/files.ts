import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { evaluate } from "@mdx-js/mdx";
import type { MDXContent } from "mdx/types";
import * as runtime from "react/jsx-runtime";
import remarkGfm from "remark-gfm";
import {
  contentFileLabel,
  isContentId,
  parseContentMetadata,
  type ContentMetadata,
} from "./schema";

// Reads content straight from disk so tests and tools can check it without Next.js. The app
// itself goes through load.ts, which lets the bundler compile the same files.

/** Absolute path of the content/ folder. */
export const contentDir = path.resolve(process.cwd(), "content");

/** Every content id, i.e. each `content/*.mdx` file name without its extension, sorted. */
export function listContentIds(): string[] {
  return readdirSync(contentDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".mdx"))
    .map((entry) => entry.name.slice(0, -".mdx".length))
    .sort();
}

/** Absolute path of a content file; throws on ids that are not state ids (lowerCamel). */
export function contentFilePath(id: string): string {
  if (!isContentId(id)) {
    throw new Error(
      `${contentFileLabel(id)}: file name: must be a state id (lowerCamel letters and digits)`,
    );
  }
  return path.join(contentDir, `${id}.mdx`);
}

/** The raw MDX source of a content file. */
export function readContentSource(id: string): string {
  return readFileSync(contentFilePath(id), "utf8");
}

/** A content file compiled and evaluated the way the app's MDX pipeline does. */
export interface EvaluatedContent {
  /** The rendered page body; pass MDX components to it as `components`. */
  Content: MDXContent;
  /** Whatever the file exported as `metadata`, not yet validated. */
  rawMetadata: unknown;
}

/**
 * Compiles and runs one content file. Compile errors are rethrown with the file name so a
 * syntax mistake points straight at the file.
 */
export async function evaluateContent(id: string): Promise<EvaluatedContent> {
  const file = contentFilePath(id);
  try {
    const mod = await evaluate(
      { path: file, value: readFileSync(file, "utf8") },
      {
        ...runtime,
        baseUrl: pathToFileURL(file),
        remarkPlugins: [remarkGfm],
      },
    );
    return { Content: mod.default, rawMetadata: (mod as { metadata?: unknown }).metadata };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${contentFileLabel(id)}: does not compile: ${reason}`, { cause: error });
  }
}

/** A content file's metadata, validated; throws ContentMetadataError naming file and field. */
export async function readContentMetadata(id: string): Promise<ContentMetadata> {
  const { rawMetadata } = await evaluateContent(id);
  return parseContentMetadata(id, rawMetadata);
}
