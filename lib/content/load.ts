import type { ComponentType } from "react";
import { isContentId, parseContentMetadata, type ContentMetadata } from "./schema";

// Server-only: call from server components and route handlers. The template-literal import
// below lets the bundler compile every content/*.mdx file at build time, so a new file is
// picked up by the next build with no registry to update.

/** A content file ready to render. */
export interface LoadedContent {
  /** The page body; render it as `<Content />` (MDX components come from mdx-components.tsx). */
  Content: ComponentType;
  /** The file's validated metadata. */
  metadata: ContentMetadata;
}

interface ContentModule {
  default: ComponentType;
  metadata?: unknown;
}

/**
 * Loads `content/<id>.mdx`. Returns null when no such file exists (so callers can answer 404);
 * throws ContentMetadataError when the file exists but its metadata is invalid.
 */
export async function loadContent(id: string): Promise<LoadedContent | null> {
  // Checking the id first keeps path tricks ("../x") and odd characters away from import().
  if (!isContentId(id)) return null;
  let mod: ContentModule;
  try {
    mod = (await import(`@/content/${id}.mdx`)) as ContentModule;
  } catch (error) {
    if (isModuleNotFound(error)) return null;
    throw error;
  }
  return { Content: mod.default, metadata: parseContentMetadata(id, mod.metadata) };
}

function isModuleNotFound(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === "MODULE_NOT_FOUND" || /Cannot find module/i.test(error.message);
}
