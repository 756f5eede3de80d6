import type { ReactNode } from "react";

/** Props of `<Callout>`, available in every MDX file without an import. */
export interface CalloutProps {
  /** "tip" for a shortcut or good practice, "warning" for something that can make matters worse. */
  type: "tip" | "warning";
  /** Optional heading; defaults to "Tip" or "Warning". */
  title?: string;
  children: ReactNode;
}

const styles = {
  tip: {
    label: "Tip",
    box: "border-tip bg-tip-soft",
    icon: "💡",
  },
  warning: {
    label: "Warning",
    box: "border-warn bg-warn-soft",
    icon: "⚠️",
  },
} as const;

export function Callout({ type, title, children }: CalloutProps) {
  const style = styles[type] ?? styles.tip;
  const heading = title ?? style.label;
  return (
    <aside
      className={`callout my-6 rounded-lg border-l-4 px-4 py-3 ${style.box}`}
      aria-label={title ? `${style.label}: ${title}` : style.label}
      data-callout={type}
    >
      <p className="m-0 font-semibold">
        <span aria-hidden="true" className="mr-2">
          {style.icon}
        </span>
        {heading}
      </p>
      <div className="callout-body mt-1 [&>*:first-child]:mt-0 [&>*:last-child]:mb-0">
        {children}
      </div>
    </aside>
  );
}
