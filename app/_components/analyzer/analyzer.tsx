import { EMPTY_PASTE_MESSAGE, MAX_HAR_UPLOAD_BYTES } from "@/lib/analyzer/form";
import { AnalyzerBox } from "./analyzer-box";
import { HarPicker } from "./har-picker";

/** Props of `<Analyzer>`. */
export interface AnalyzerProps {
  /**
   * A smaller box for embedding in a wizard step: shorter textarea, no confidence
   * explanations, and a heading one level down.
   */
  compact?: boolean;
  /** Heading text above the box. */
  title?: string;
}

/**
 * The paste-your-error box. A server component, so the form module (zod, the analyzer it
 * runs for a post without JavaScript) stays on the server; the browser gets only the box,
 * which loads the rule catalog itself when the person starts to paste.
 */
export function Analyzer({ compact = false, title = "Paste what you see" }: AnalyzerProps) {
  return (
    <AnalyzerBox
      compact={compact}
      title={title}
      emptyPasteMessage={EMPTY_PASTE_MESSAGE}
      // The full box (/analyze) takes HAR files; the compact one in wizard steps takes text.
      harPicker={compact ? null : <HarPicker uploadMb={MAX_HAR_UPLOAD_BYTES / 1024 / 1024} />}
    />
  );
}
