import { readFile } from "node:fs/promises";
import path from "node:path";
import { isContentId } from "@/lib/content/schema";

/**
 * The MDX source of a content file, or null when it cannot be read. Server-only. The summary
 * takes its commands from the source (the page itself renders the compiled module), and a
 * summary without commands is better than a failed page, so errors become null.
 */
export async function readContentSourceOrNull(id: string): Promise<string | null> {
  // The id check keeps path tricks away from the file system, as in lib/content/load.ts.
  if (!isContentId(id)) return null;
  try {
    return await readFile(path.join(process.cwd(), "content", `${id}.mdx`), "utf8");
  } catch {
    return null;
  }
}
