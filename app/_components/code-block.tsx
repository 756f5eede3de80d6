import { isValidElement, type ReactNode } from "react";
import { CopyButton } from "./copy-button";

// Fence info strings are short tool names; show them the way people write them.
const languageNames: Record<string, string> = {
  bash: "Bash",
  sh: "Shell",
  shell: "Shell",
  console: "Console",
  nginx: "nginx",
  apache: "Apache",
  apacheconf: "Apache",
  sql: "SQL",
  powershell: "PowerShell",
  ini: "INI",
  toml: "TOML",
  yaml: "YAML",
  yml: "YAML",
  json: "JSON",
  text: "Text",
  txt: "Text",
  http: "HTTP",
  js: "JavaScript",
  ts: "TypeScript",
  python: "Python",
  php: "PHP",
  dockerfile: "Dockerfile",
  systemd: "systemd",
  caddy: "Caddyfile",
  haproxy: "HAProxy",
};

/** Human-readable name for a fence language, e.g. "nginx" or "Bash". */
export function languageLabel(language: string | undefined): string {
  if (!language) return "Text";
  return languageNames[language.toLowerCase()] ?? language;
}

/** The text and language of a fenced code block as MDX hands it to `pre`. */
export function readFence(children: ReactNode): { code: string; language: string | undefined } {
  if (isValidElement<{ className?: string; children?: ReactNode }>(children)) {
    const match = /(?:^|\s)language-([\w+-]+)/.exec(children.props.className ?? "");
    return { code: textOf(children.props.children), language: match?.[1] };
  }
  return { code: textOf(children), language: undefined };
}

function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return "";
}

/** Props of a rendered code block. */
export interface CodeBlockProps {
  /** The block's text exactly as written in the fence. */
  code: string;
  /** The fence's info string (`bash`, `nginx`, …), or undefined for a bare fence. */
  language: string | undefined;
  /**
   * What the block is for when a page offers alternatives ("firewalld (RHEL, Rocky, Alma)"); shown
   * before the language and put in the Copy button's name, so two blocks on one page can be
   * told apart by ear as well as by eye.
   */
  title?: string;
}

/** A fenced code block with a language label and a copy button. */
export function CodeBlock({ code, language, title }: CodeBlockProps) {
  // Markdown keeps the newline before the closing fence; copying it would run the command
  // as soon as it is pasted into a terminal.
  const text = code.replace(/\n$/, "");
  const label = languageLabel(language);
  const name = title ? `${title} ${label}` : label;
  return (
    <figure className="code-block my-5 overflow-hidden rounded-lg border border-line bg-code">
      <figcaption className="flex items-center justify-between gap-2 border-b border-line px-3 py-1.5 text-xs text-muted">
        <span>{title ? `${title} · ${label}` : label}</span>
        <CopyButton text={text} label={`${name} code`} />
      </figcaption>
      {/* Lines wrap (see the content-blocks block in globals.css) instead of scrolling: on a phone
          the end of a line is often the only part that differs from the line above it. Nothing
          scrolls, so the block needs no tab stop of its own. Each line is its own box so a
          wrapped line's continuation can be indented and is not read as a line of its own; the
          text, newlines included, stays exactly the command. */}
      <pre className="m-0 p-3 font-mono text-sm leading-relaxed">
        <code data-language={language ?? "text"}>
          {text.split("\n").map((line, index, lines) => (
            <span key={index} className="code-line">
              {index < lines.length - 1 ? `${line}\n` : line}
            </span>
          ))}
        </code>
      </pre>
    </figure>
  );
}
