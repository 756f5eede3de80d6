import type { ReactNode } from "react";

/** Props of `<Callout>`, available in every MDX file without an import. */
export interface CalloutProps {
  /** "tip" for a shortcut or good practice, "warning" for something that can make matters worse. */
  type: "tip" | "warning";
  /** Optional heading; defaults to "Tip" or "Warning". */
  title?: string;
  children: ReactNode;
}

const variants = {
  tip: { label: "Tip", box: "border-tip bg-tip-soft", icon: "text-tip" },
  warning: { label: "Warning", box: "border-warn bg-warn-soft", icon: "text-warn" },
} as const;

export function Callout({ type, title, children }: CalloutProps) {
  // MDX props are not type-checked, so a typo such as type="note" must fail loudly; the content
  // render test turns this into a message naming the file.
  if (!Object.hasOwn(variants, type)) {
    throw new Error(`<Callout type="${String(type)}">: type must be "tip" or "warning"`);
  }
  const variant = variants[type];
  return (
    <aside
      className={`callout my-6 rounded-lg border-l-4 px-4 py-3 ${variant.box}`}
      aria-label={title ? `${variant.label}: ${title}` : variant.label}
      data-callout={type}
    >
      <p className="m-0 flex items-center gap-2 font-semibold">
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className={`h-5 w-5 shrink-0 ${variant.icon}`}
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          {type === "tip" ? (
            <>
              <path d="M9 18h6M10 21h4" />
              <path d="M12 3a6 6 0 0 0-3.6 10.8c.6.5 1 1.2 1 2V16h5.2v-.2c0-.8.4-1.5 1-2A6 6 0 0 0 12 3Z" />
            </>
          ) : (
            <>
              <path d="M12 3 2 20h20L12 3Z" />
              <path d="M12 10v4M12 17h.01" />
            </>
          )}
        </svg>
        {title ?? variant.label}
      </p>
      <div className="callout-body mt-1 [&>*:first-child]:mt-0 [&>*:last-child]:mb-0">
        {children}
      </div>
    </aside>
  );
}
