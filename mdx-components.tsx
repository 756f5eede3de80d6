import type { MDXComponents } from "mdx/types";
import type { ComponentPropsWithoutRef } from "react";
import { Callout } from "@/app/_components/callout";
import { CodeBlock, readFence } from "@/app/_components/code-block";

// Every MDX file in content/ renders through this map, so content can use fenced code
// blocks and <Callout> without imports.
const components: MDXComponents = {
  pre: ({ children }: ComponentPropsWithoutRef<"pre">) => <CodeBlock {...readFence(children)} />,
  table: (props: ComponentPropsWithoutRef<"table">) => (
    // Wide tables scroll inside their own box instead of widening the page on phones.
    <div
      className="table-scroll my-5 overflow-x-auto"
      role="region"
      aria-label="Table"
      tabIndex={0}
    >
      <table {...props} />
    </div>
  ),
  Callout,
};

export function useMDXComponents(): MDXComponents {
  return components;
}

/** The same map for code that renders MDX outside Next's loader (tests, tools). */
export const mdxComponents = components;
