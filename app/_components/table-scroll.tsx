import { Children, isValidElement, type ComponentPropsWithoutRef, type ReactNode } from "react";

function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return "";
}

function findFirst(node: ReactNode, type: string): ReactNode {
  for (const child of Children.toArray(node)) {
    if (!isValidElement<{ children?: ReactNode }>(child)) continue;
    if (child.type === type) return child;
    const found = findFirst(child.props.children, type);
    if (found) return found;
  }
  return null;
}

/**
 * "Table: Log line, Meaning": a name made from the header cells. Pages often hold several tables,
 * and each scrolling region needs its own name so screen-reader users can tell them apart.
 */
export function tableLabel(children: ReactNode): string {
  const headerRow = findFirst(findFirst(children, "thead") ?? children, "tr");
  const cells = isValidElement<{ children?: ReactNode }>(headerRow)
    ? Children.toArray(headerRow.props.children)
        .map((cell) => textOf(cell).trim())
        .filter((text) => text.length > 0)
    : [];
  return cells.length > 0 ? `Table: ${cells.join(", ")}` : "Table";
}

/**
 * A Markdown table that scrolls sideways inside its own box instead of widening the page on
 * phones; the box is focusable so keyboard users can scroll it too.
 */
export function TableScroll({ children, ...props }: ComponentPropsWithoutRef<"table">) {
  return (
    <div
      className="table-scroll my-5 overflow-x-auto"
      role="region"
      aria-label={tableLabel(children)}
      tabIndex={0}
    >
      <table {...props}>{children}</table>
    </div>
  );
}
