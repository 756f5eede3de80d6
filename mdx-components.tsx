import type { MDXComponents } from "mdx/types";
import type { ComponentPropsWithoutRef } from "react";
import { Callout } from "@/app/_components/callout";
import { CodeBlock, readFence } from "@/app/_components/code-block";
import { Command, CommandTabs } from "@/app/_components/command-tabs";
import { TableScroll } from "@/app/_components/table-scroll";

// Every MDX file in content/ renders through this map, so content can use fenced code
// blocks, <Callout>, and <CommandTabs> with its <Command> alternatives without imports.
const components: MDXComponents = {
  pre: ({ children }: ComponentPropsWithoutRef<"pre">) => <CodeBlock {...readFence(children)} />,
  table: TableScroll,
  Callout,
  Command,
  CommandTabs,
};

export function useMDXComponents(): MDXComponents {
  return components;
}

/** The same map for code that renders MDX outside Next's loader (tests, tools). */
export const mdxComponents = components;
