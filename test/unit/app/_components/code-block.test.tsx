// @vitest-environment jsdom
import { act, createElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CodeBlock, languageLabel, readFence } from "@/app/_components/code-block";
import { mdxComponents } from "@/mdx-components";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

// What MDX hands to `pre` for ```nginx ... ```: a code element with a language class.
function fence(language: string | undefined, text: string) {
  return createElement("code", language ? { className: `language-${language}` } : {}, text);
}

describe("readFence", () => {
  it("takes the language from the code element's class", () => {
    expect(readFence(fence("nginx", "proxy_read_timeout 60s;\n"))).toEqual({
      code: "proxy_read_timeout 60s;\n",
      language: "nginx",
    });
  });

  it("treats an unlabelled fence as plain text", () => {
    expect(readFence(fence(undefined, "502 Bad Gateway\n"))).toEqual({
      code: "502 Bad Gateway\n",
      language: undefined,
    });
    expect(languageLabel(undefined)).toBe("Text");
  });

  it("shows well-known tool names the way people write them", () => {
    expect(languageLabel("bash")).toBe("Bash");
    expect(languageLabel("nginx")).toBe("nginx");
    expect(languageLabel("ini")).toBe("INI");
    expect(languageLabel("apacheconf")).toBe("Apache");
    expect(languageLabel("brainfuck")).toBe("brainfuck");
  });
});

describe("fenced code through the MDX component map", () => {
  it("renders a labelled block with a copy button and no trailing newline", () => {
    const Pre = mdxComponents.pre as (props: { children: unknown }) => React.ReactElement;
    const html = renderToStaticMarkup(createElement(Pre, null, fence("bash", "sudo nginx -t\n")));
    expect(html).toContain("<span>Bash</span>");
    expect(html).toContain('aria-label="Copy Bash code"');
    expect(html).toContain(
      '<code data-language="bash"><span class="code-line">sudo nginx -t</span></code>',
    );
  });
});

describe("copy button", () => {
  let container: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    container = document.createElement("div");
    document.body.appendChild(container);
    root = createRoot(container);
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  function render(code: string) {
    act(() => root.render(createElement(CodeBlock, { code, language: "bash" })));
    const button = container.querySelector("button");
    const status = container.querySelector('[role="status"]');
    if (!button || !status) throw new Error("copy button or status region missing");
    return { button, status };
  }

  async function click(button: HTMLButtonElement) {
    await act(async () => {
      button.click();
    });
  }

  it("writes the exact command to the clipboard and announces it", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal("isSecureContext", true);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });

    const { button, status } = render("systemctl status php-fpm\n");
    expect(status.getAttribute("aria-live")).toBe("polite");
    await click(button);

    expect(writeText).toHaveBeenCalledWith("systemctl status php-fpm");
    expect(button.textContent).toBe("Copied");
    expect(status.textContent).toBe("Copied to clipboard");
  });

  it("falls back to a selection copy when the Clipboard API is refused", async () => {
    const writeText = vi.fn().mockRejectedValue(new DOMException("denied", "NotAllowedError"));
    vi.stubGlobal("isSecureContext", true);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    let copied = "";
    document.execCommand = vi.fn(() => {
      copied = (document.activeElement as HTMLTextAreaElement).value;
      return true;
    });

    const { button, status } = render("curl -I https://example.test/");
    button.focus();
    await click(button);

    expect(copied).toBe("curl -I https://example.test/");
    expect(status.textContent).toBe("Copied to clipboard");
    // The helper textarea is gone and focus is back on the button.
    expect(document.querySelector("textarea")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("tells the reader to copy by hand when no copy method works", async () => {
    vi.stubGlobal("isSecureContext", false);
    document.execCommand = vi.fn(() => false);

    const { button, status } = render("nginx -t");
    await click(button);

    expect(button.textContent).toBe("Copy");
    expect(status.textContent).toBe("Copy failed; select the text and copy it by hand");
  });
});
