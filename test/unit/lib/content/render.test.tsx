import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { mdxComponents } from "@/mdx-components";
import { evaluateContent, listContentIds } from "@/lib/content/files";

// Rendering with the app's real MDX components catches what metadata checks cannot: a
// component name the app does not provide (<Callot>) only fails when the page renders.
describe.each(listContentIds())("content/%s.mdx", (id) => {
  it("renders with the app's MDX components", async () => {
    const { Content } = await evaluateContent(id);
    let html: string;
    try {
      html = renderToStaticMarkup(createElement(Content, { components: mdxComponents }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`content/${id}.mdx: body: does not render: ${reason}`, { cause: error });
    }
    expect(html.trim().length, `content/${id}.mdx: body: renders nothing`).toBeGreaterThan(0);
  });
});
