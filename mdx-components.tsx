import type { MDXComponents } from "mdx/types";
import type { ComponentPropsWithoutRef } from "react";
import { Callout } from "@/app/_components/callout";
import { CodeBlock, readFence } from "@/app/_components/code-block";
import { Command, CommandTabs } from "@/app/_components/command-tabs";
import { TableScroll } from "@/app/_components/table-scroll";
import { WatchUntilFixed } from "@/app/_components/check/watch-until-fixed";

// Every MDX file in content/ renders through this map, so content can use fenced code
// blocks, <Callout>, <CommandTabs> with its <Command> alternatives, and <WatchUntilFixed />
// (in every "Check that it worked" section) without imports.
const components: MDXComponents = {
  pre: ({ children }: ComponentPropsWithoutRef<"pre">) => <CodeBlock {...readFence(children)} />,
  table: TableScroll,
  Callout,
  Command,
  CommandTabs,
  WatchUntilFixed,
};

export function useMDXComponents(): MDXComponents {
  return components;
}

/** The same map for code that renders MDX outside Next's loader (tests, tools). */
export const mdxComponents = components;
