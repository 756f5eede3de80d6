import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Callout, type CalloutProps } from "@/app/_components/callout";

function render(props: Omit<CalloutProps, "children">, text = "Take a backup first.") {
  return renderToStaticMarkup(<Callout {...props}>{text}</Callout>);
}

describe("Callout", () => {
  it("names its kind for screen readers and shows a default heading", () => {
    const html = render({ type: "tip" });
    expect(html).toContain('aria-label="Tip"');
    expect(html).toMatch(/<\/svg>Tip<\/p>/);
    expect(html).toContain("Take a backup first.");
  });

  it("uses the title as heading and in its accessible name", () => {
    const html = render({ type: "warning", title: "Before you bypass the CDN" });
    expect(html).toContain('aria-label="Warning: Before you bypass the CDN"');
    expect(html).toMatch(/<\/svg>Before you bypass the CDN<\/p>/);
    expect(html).toContain('data-callout="warning"');
  });

  it("refuses an unknown type so a content typo fails the tests", () => {
    expect(() => render({ type: "note" as CalloutProps["type"] })).toThrow(
      '<Callout type="note">: type must be "tip" or "warning"',
    );
  });
});
