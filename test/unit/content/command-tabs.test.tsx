import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Command, CommandTabs, maxCommandChoices } from "@/app/_components/command-tabs";
import { mdxComponents } from "@/mdx-components";

// <CommandTabs> and <Command> as MDX hands them over: each <Command> holds the `pre` element
// the component map makes of a fenced block.
const Pre = mdxComponents.pre as (props: { children: ReactNode }) => React.ReactElement;
const fence = (language: string, text: string) =>
  createElement(Pre, null, createElement("code", { className: `language-${language}` }, text));
const command = (label: string, text: string) => (
  <Command label={label} key={label}>
    {fence("bash", text)}
  </Command>
);

const firewalls = () => (
  <CommandTabs label="Your firewall">
    {command("ufw (Ubuntu, Debian)", "sudo ufw status verbose\n")}
    {command("firewalld (RHEL, Rocky, Alma)", "sudo firewall-cmd --list-all\n")}
  </CommandTabs>
);

describe("<CommandTabs>", () => {
  it("offers each alternative as a radio in a named group, the first one chosen", () => {
    const html = renderToStaticMarkup(firewalls());
    expect(html).toContain('<fieldset class="command-tabs-choices"><legend>Your firewall</legend>');
    const radios = [
      ...html.matchAll(/<input type="radio" name="([^"]+)"( checked="")? value="(\d)"\/>/g),
    ];
    expect(radios.map((radio) => [radio[2] !== undefined, radio[3]])).toEqual([
      [true, "0"],
      [false, "1"],
    ]);
    // One group: the arrow keys move between these two and no other radios on the page.
    expect(new Set(radios.map((radio) => radio[1])).size).toBe(1);
    expect(html).toContain("/>ufw (Ubuntu, Debian)</label>");
  });

  it("gives each alternative its own block and Copy, copying only that alternative's command", () => {
    const html = renderToStaticMarkup(firewalls());
    const panels = html.split('<div class="command-tabs-panel"').slice(1);
    expect(panels).toHaveLength(2);
    expect(panels[0]).toContain('data-choice="0"');
    expect(panels[0]).toContain('aria-label="Copy ufw (Ubuntu, Debian) Bash code"');
    expect(panels[0]).toContain("<span>ufw (Ubuntu, Debian) · Bash</span>");
    expect(panels[0]).toContain(
      '<code data-language="bash"><span class="code-line">sudo ufw status verbose</span></code>',
    );
    expect(panels[0]).not.toContain("firewall-cmd");
    expect(panels[1]).toContain(
      '<code data-language="bash"><span class="code-line">sudo firewall-cmd --list-all</span></code>',
    );
  });

  it("keeps two sets on one page apart", () => {
    const html = renderToStaticMarkup(createElement("div", null, firewalls(), firewalls()));
    const names = new Set([...html.matchAll(/name="([^"]+)"/g)].map((match) => match[1]));
    expect(names.size).toBe(2);
  });

  it("fails loudly on content mistakes the MDX compiler lets through", () => {
    const render = (element: React.ReactElement) => () => renderToStaticMarkup(element);
    expect(render(<CommandTabs label="Your firewall">{command("ufw", "x")}</CommandTabs>)).toThrow(
      '<CommandTabs label="Your firewall">: holds 1 commands; a choice needs 2 to 6',
    );
    const many = Array.from({ length: maxCommandChoices + 1 }, (_, i) => command(`c${i}`, "x"));
    expect(render(<CommandTabs label="Too many">{many}</CommandTabs>)).toThrow("holds 7 commands");
    expect(
      render(
        <CommandTabs label="Mixed">
          {command("ufw", "x")}
          {fence("bash", "sudo nft list ruleset")}
        </CommandTabs>,
      ),
    ).toThrow('<CommandTabs label="Mixed">: may only hold <Command> elements');
    expect(
      render(
        <Command label="ufw">
          <p>text</p>
        </Command>,
      ),
    ).toThrow('<Command label="ufw">: must hold exactly one fenced code block with a language');
  });

  it("renders a <Command> on its own as a titled block", () => {
    const html = renderToStaticMarkup(
      command("HAProxy", "sudo haproxy -c -f /etc/haproxy/haproxy.cfg\n"),
    );
    expect(html).toContain("<span>HAProxy · Bash</span>");
    expect(html).toContain('aria-label="Copy HAProxy Bash code"');
    expect(html).not.toContain("command-tabs");
  });
});
