import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TableScroll, tableLabel } from "@/app/_components/table-scroll";

// The shape MDX produces for a GitHub-flavoured Markdown table.
const rows = (
  <>
    <thead>
      <tr>
        <th>Log line</th>
        <th>
          <code>Meaning</code>
        </th>
      </tr>
    </thead>
    <tbody>
      <tr>
        <td>connect() failed (111: Connection refused)</td>
        <td>Nothing listens on the upstream port</td>
      </tr>
    </tbody>
  </>
);

describe("tableLabel", () => {
  it("names a table after its header cells", () => {
    expect(tableLabel(rows)).toBe("Table: Log line, Meaning");
  });

  it("falls back to a plain name for a table without header text", () => {
    expect(tableLabel(null)).toBe("Table");
  });
});

describe("TableScroll", () => {
  it("wraps the table in a named, focusable scrolling region", () => {
    const html = renderToStaticMarkup(<TableScroll>{rows}</TableScroll>);
    expect(html).toMatch(
      /^<div class="[^"]*overflow-x-auto[^"]*" role="region" aria-label="Table: Log line, Meaning" tabindex="0"><table><thead>/,
    );
    expect(html).toContain("<td>Nothing listens on the upstream port</td>");
  });
});
