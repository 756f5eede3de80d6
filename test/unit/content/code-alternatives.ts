/**
 * Finds code blocks that hold alternatives: commands for two firewalls, two web servers, two
 * package managers, two databases… in one block. Copy takes a whole block, so such a block
 * pastes (and runs) both products' commands at once; issue #13 found the 521 step copying the
 * ufw, firewalld and iptables loops together and another step restarting nginx and httpd
 * together. Alternatives belong in `<CommandTabs>` (one `<Command>` each) or separate blocks.
 *
 * The rule, built from what content/ really contains:
 * 1. Shell blocks (bash, sh, shell, console): comments are dropped first (a hint such as
 *    `# RHEL: httpd` tells the reader what to change, it is not run), lines continued with `\`
 *    are joined, then each line is matched against the families below.
 * 2. A line that names two or more members of one family covers them all on purpose (one
 *    `grep` over `/var/log/nginx/` and `/var/log/httpd/`, `iptables -S; nft list ruleset`)
 *    and counts for none of them.
 * 3. A block fails when its lines, taken one by one, name two different members of a family.
 * 4. SQL blocks say their dialect only in comments (`-- PostgreSQL`), so there the comments are
 *    what is matched, against the database family.
 * Configuration blocks (nginx, apacheconf, ini, text, code in a programming language) configure
 * one product by their nature and are not checked.
 */
import { createProcessor } from "@mdx-js/mdx";
import remarkGfm from "remark-gfm";

/** One product (or distribution's naming) that excludes the others of its family. */
interface Member {
  /** The name a writer would recognise in the report. */
  name: string;
  pattern: RegExp;
}

/** Products a reader has one of; a single block must not address two. */
export interface Family {
  /** What the reader chooses between, used in the report ("firewall"). */
  name: string;
  members: readonly Member[];
}

// A command word: at the start of a line, or after a separator, `sudo` or `$(`.
const command = (word: string) => new RegExp(`(?:^|[\\s;&|(])${word}(?=\\s|$)`);

export const shellFamilies: readonly Family[] = [
  {
    name: "firewall",
    members: [
      { name: "ufw", pattern: /\bufw\b/ },
      { name: "firewalld", pattern: /\bfirewall-cmd\b/ },
      { name: "iptables", pattern: /\bip6?tables\b|\bnetfilter-persistent\b/ },
      { name: "nftables", pattern: /\bnft\b/ },
    ],
  },
  {
    name: "web server",
    members: [
      { name: "nginx", pattern: /\bnginx\b/ },
      { name: "Apache", pattern: /\bapache2?(?:ctl)?\b|\bhttpd\b/ },
      { name: "Caddy", pattern: /\bcaddy\b/ },
      { name: "HAProxy", pattern: /\bhaproxy\b/ },
    ],
  },
  {
    // The same Apache under each distribution's names: Debian and Ubuntu call it apache2,
    // RHEL and its rebuilds httpd (`apachectl` exists under both names, so it says nothing).
    name: "Apache naming",
    members: [
      { name: "apache2 (Debian, Ubuntu)", pattern: /\bapache2(?:ctl)?\b/ },
      { name: "httpd (RHEL family)", pattern: /\bhttpd\b/ },
    ],
  },
  {
    name: "package manager",
    members: [
      { name: "apt", pattern: /\bapt(?:-get)?\b|\bdpkg\b/ },
      { name: "dnf/yum", pattern: /\b(?:dnf|yum|rpm)\b/ },
    ],
  },
  {
    name: "database",
    members: [
      { name: "MySQL/MariaDB", pattern: /\bmysql\w*\b|\bmariadb\b/i },
      { name: "PostgreSQL", pattern: /\bpsql\b|\bpostgres\b|\bpg_\w+/ },
    ],
  },
  {
    // How the application process runs; the content writes a systemd-run app as a placeholder
    // unit (APP_SERVICE, YOUR_SERVICE, myapp), which tells it apart from nginx's own unit.
    name: "process manager",
    members: [
      {
        name: "systemd",
        pattern: /\b(?:systemctl|journalctl)\b.*\b(?:APP_SERVICE|YOUR_SERVICE|myapp)\b/,
      },
      { name: "PM2", pattern: /\bpm2\b/ },
      { name: "Docker", pattern: /\bdocker\b/ },
      { name: "Kubernetes", pattern: /\bkubectl\b/ },
      { name: "Heroku", pattern: /\bheroku\b/ },
    ],
  },
  {
    name: "application server",
    members: [
      { name: "PHP-FPM", pattern: /\bphp[\d.]*-fpm|\bphp-fpm[\d.]*\b/ },
      { name: "Gunicorn", pattern: /\bgunicorn\b/ },
      { name: "Uvicorn", pattern: /\buvicorn\b/ },
      { name: "uWSGI", pattern: /\buwsgi\b/ },
      { name: "Node", pattern: /\bpm2\b|\bnode\b/ },
    ],
  },
  {
    name: "web application",
    members: [
      { name: "WordPress", pattern: command("wp") },
      { name: "Laravel", pattern: /\bartisan\b/ },
      { name: "Drupal", pattern: /\bdrush\b/ },
      { name: "Magento", pattern: /\bbin\/magento\b/ },
    ],
  },
  {
    name: "cloud",
    members: [
      { name: "AWS", pattern: command("aws") },
      { name: "Google Cloud", pattern: /\bgcloud\b/ },
      { name: "Azure", pattern: command("az") },
      { name: "Fastly", pattern: command("fastly") },
    ],
  },
];

export const sqlFamilies: readonly Family[] = [
  {
    // MariaDB parts from MySQL in places (max_statement_time against max_execution_time), but
    // the content labels the two together ("MySQL / MariaDB"); PostgreSQL is the other side.
    name: "database",
    members: [
      { name: "PostgreSQL", pattern: /\bPostgre(?:SQL|s)\b/i },
      { name: "MySQL/MariaDB", pattern: /\bMySQL\b|\bMariaDB\b/i },
    ],
  },
];

const shellLanguages = new Set(["bash", "sh", "shell", "console", "zsh"]);

/** Shell text without comments: `#` at a word start outside quotes runs to the end of the line. */
export function stripShellComments(code: string): string {
  let out = "";
  let quote: "'" | '"' | null = null;
  let inComment = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i] as string;
    if (inComment) {
      if (ch === "\n") {
        inComment = false;
        out += ch;
      }
      continue;
    }
    if (quote) {
      if (ch === "\\" && quote === '"') {
        out += ch + (code[i + 1] ?? "");
        i++;
        continue;
      }
      if (ch === quote) quote = null;
      out += ch;
      continue;
    }
    if (ch === "\\") {
      out += ch + (code[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    if (ch === "#" && (i === 0 || /\s/.test(code[i - 1] as string))) {
      inComment = true;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Lines as the shell reads them: a line ending in `\` continues on the next. */
export function logicalLines(code: string): { text: string; offset: number }[] {
  const lines: { text: string; offset: number }[] = [];
  let pending: { text: string; offset: number } | null = null;
  code.split("\n").forEach((line, offset) => {
    const current: { text: string; offset: number } = pending
      ? { text: `${pending.text} ${line}`, offset: pending.offset }
      : { text: line, offset };
    if (/\\\s*$/.test(line)) {
      pending = { text: current.text.replace(/\\\s*$/, ""), offset: current.offset };
    } else {
      pending = null;
      if (current.text.trim() !== "") lines.push(current);
    }
  });
  if (pending) lines.push(pending);
  return lines;
}

/** SQL comments, each on the line it is written on. */
function sqlComments(code: string): { text: string; offset: number }[] {
  return code.split("\n").flatMap((line, offset) => {
    const at = line.indexOf("--");
    return at >= 0 ? [{ text: line.slice(at + 2), offset }] : [];
  });
}

/** Which members of `family` a set of lines addresses, each with the first line naming it. */
export function membersUsed(
  family: Family,
  lines: readonly { text: string; offset: number }[],
): Map<string, number> {
  const used = new Map<string, number>();
  for (const line of lines) {
    const named = family.members.filter((member) => member.pattern.test(line.text));
    // Rule 2: one line naming several members covers them on purpose.
    if (named.length !== 1) continue;
    const [member] = named as [Member];
    if (!used.has(member.name)) used.set(member.name, line.offset);
  }
  return used;
}

/** A fenced code block with the 1-based line of its opening fence. */
export interface CodeFence {
  language: string | undefined;
  code: string;
  line: number;
}

interface MarkdownNode {
  type: string;
  lang?: string | null;
  value?: string;
  children?: MarkdownNode[];
  position?: { start: { line: number } };
}

/** Every fenced code block of an MDX file, including those inside JSX such as `<Command>`. */
export function codeFences(source: string): CodeFence[] {
  const processor = createProcessor({ remarkPlugins: [remarkGfm] });
  const tree = processor.parse(source) as MarkdownNode;
  const fences: CodeFence[] = [];
  const walk = (node: MarkdownNode) => {
    if (node.type === "code") {
      fences.push({
        language: node.lang ?? undefined,
        code: node.value ?? "",
        line: node.position?.start.line ?? 0,
      });
    }
    node.children?.forEach(walk);
  };
  walk(tree);
  return fences;
}

/** One block that mixes alternatives, in the words of the report. */
export function blockProblems(fence: CodeFence): string[] {
  const language = fence.language?.toLowerCase();
  let lines: { text: string; offset: number }[];
  let families: readonly Family[];
  if (language && shellLanguages.has(language)) {
    lines = logicalLines(stripShellComments(fence.code));
    families = shellFamilies;
  } else if (language === "sql") {
    lines = sqlComments(fence.code);
    families = sqlFamilies;
  } else {
    return [];
  }
  return families.flatMap((family) => {
    const used = membersUsed(family, lines);
    if (used.size < 2) return [];
    // The code starts on the line after the opening fence.
    const where = [...used].map(([name, offset]) => `${name} (line ${fence.line + 1 + offset})`);
    return [`mixes ${family.name} alternatives: ${where.join(", ")}`];
  });
}

/**
 * Every block of one content file that mixes alternatives, as
 * `content/<id>.mdx:<line>: <language> block mixes … alternatives: …; split them …`.
 */
export function alternativeProblems(id: string, source: string): string[] {
  return codeFences(source).flatMap((fence) =>
    blockProblems(fence).map(
      (problem) =>
        `content/${id}.mdx:${fence.line}: ${fence.language ?? "text"} block ${problem}; ` +
        "give each its own block (<CommandTabs> with one <Command> each)",
    ),
  );
}
