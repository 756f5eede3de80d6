// Copy takes a whole code block, so a block holding two products' commands runs both when
// pasted. This holds every content file to one product per block; the rule is documented in
// ./code-alternatives.ts.
import { describe, expect, it } from "vitest";
import { listContentIds, readContentSource } from "@/lib/content/files";
import {
  alternativeProblems,
  blockProblems,
  codeFences,
  logicalLines,
  stripShellComments,
} from "./code-alternatives";

const bash = (...lines: string[]) => ["```bash", ...lines, "```", ""].join("\n");

describe("the alternatives checker", () => {
  it("reports the 521 step's firewall block as it was before issue #13, naming every firewall", () => {
    // content/cf521.mdx before the split: one Copy ran the ufw, firewalld and iptables loops.
    const source = [
      "Always fetch the current list from https://www.cloudflare.com/ips/.",
      "",
      bash(
        "# ufw (Ubuntu/Debian)",
        "for ip in $(curl -s https://www.cloudflare.com/ips-v4); do",
        "  sudo ufw allow proto tcp from \"$ip\" to any port 80,443 comment 'Cloudflare'",
        "done",
        "",
        "# firewalld (RHEL, Rocky, Alma)",
        "for ip in $(curl -s https://www.cloudflare.com/ips-v4); do",
        '  sudo firewall-cmd --permanent --zone=public --add-rich-rule="rule family=ipv4 source address=$ip port port=443 protocol=tcp accept"',
        "done",
        "sudo firewall-cmd --reload",
        "",
        "# plain iptables (save afterwards, e.g. sudo netfilter-persistent save)",
        "for ip in $(curl -s https://www.cloudflare.com/ips-v4); do",
        '  sudo iptables -I INPUT -p tcp -m multiport --dports 80,443 -s "$ip" -j ACCEPT',
        "done",
      ),
    ].join("\n");
    expect(alternativeProblems("cf521", source)).toEqual([
      "content/cf521.mdx:3: bash block mixes firewall alternatives: ufw (line 6), " +
        "firewalld (line 11), iptables (line 17); " +
        "give each its own block (<CommandTabs> with one <Command> each)",
    ]);
  });

  it("reports nginx and httpd restarted by one block, in both the product and the naming family", () => {
    const problems = blockProblems(
      codeFences(
        bash(
          "sudo nginx -t && sudo systemctl restart nginx",
          "sudo apache2ctl configtest && sudo systemctl restart apache2",
          "sudo systemctl restart httpd",
        ),
      )[0]!,
    );
    expect(problems).toEqual([
      "mixes web server alternatives: nginx (line 2), Apache (line 3)",
      "mixes Apache naming alternatives: apache2 (Debian, Ubuntu) (line 3), httpd (RHEL family) (line 4)",
    ]);
  });

  it("reports apt and dnf, MySQL and PostgreSQL, PM2 and Docker", () => {
    const problems = (code: string) => blockProblems(codeFences(code)[0]!);
    expect(problems(bash("sudo apt-get install -y mtr", "sudo dnf install -y mtr"))).toEqual([
      "mixes package manager alternatives: apt (line 2), dnf/yum (line 3)",
    ]);
    expect(
      problems(bash('mysql -e "SHOW PROCESSLIST;"', 'sudo -u postgres psql -c "SELECT 1;"')),
    ).toEqual(["mixes database alternatives: MySQL/MariaDB (line 2), PostgreSQL (line 3)"]);
    expect(problems(bash("pm2 logs APP --lines 50", "docker logs --tail 50 CONTAINER"))).toEqual([
      "mixes process manager alternatives: PM2 (line 2), Docker (line 3)",
    ]);
  });

  it("reads a SQL block's dialect from its comments", () => {
    const sql = [
      "```sql",
      "-- PostgreSQL",
      "ALTER ROLE app_user SET statement_timeout = '20s';",
      "-- MySQL 5.7.8+: SELECT statements only, in milliseconds",
      "SET GLOBAL max_execution_time = 20000;",
      "```",
    ].join("\n");
    expect(blockProblems(codeFences(sql)[0]!)).toEqual([
      "mixes database alternatives: PostgreSQL (line 2), MySQL/MariaDB (line 4)",
    ]);
  });

  it("lets one product's block through, with hints in comments and one-liners that cover several", () => {
    const source = [
      bash(
        "sudo nginx -t && sudo systemctl reload nginx   # Apache: apachectl configtest (RHEL: httpd)",
        "sudo grep -rnE 'maintenance' /etc/nginx/ /etc/apache2/ /etc/httpd/ 2>/dev/null",
        "sudo iptables -S INPUT; sudo nft list ruleset | head -n 60",
        "sudo tail -f /var/log/nginx/error.log",
      ),
      "```nginx",
      "# apache2 and httpd in a config comment are not commands",
      "resolver 127.0.0.53 valid=30s;",
      "```",
    ].join("\n");
    expect(alternativeProblems("example", source)).toEqual([]);
  });

  it("finds fences inside <Command> elements", () => {
    const source = [
      '<CommandTabs label="Your firewall">',
      '<Command label="ufw">',
      "",
      bash("sudo ufw status verbose", "sudo firewall-cmd --list-all"),
      "</Command>",
      "</CommandTabs>",
    ].join("\n");
    expect(alternativeProblems("example", source)).toEqual([
      "content/example.mdx:4: bash block mixes firewall alternatives: ufw (line 5), " +
        "firewalld (line 6); give each its own block (<CommandTabs> with one <Command> each)",
    ]);
  });

  it("drops comments but keeps a # inside quotes, and joins continued lines", () => {
    expect(stripShellComments("echo '#not' \"#kept\" # gone\n# gone too\nls")).toBe(
      "echo '#not' \"#kept\" \n\nls",
    );
    expect(logicalLines("curl -s \\\n  https://example.com/\n\nls")).toEqual([
      { text: "curl -s    https://example.com/", offset: 0 },
      { text: "ls", offset: 3 },
    ]);
  });
});

describe.each(listContentIds())("content/%s.mdx", (id) => {
  it("gives each alternative its own code block", () => {
    expect(alternativeProblems(id, readContentSource(id))).toEqual([]);
  });
});
