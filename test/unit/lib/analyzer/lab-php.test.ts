/**
 * Real PHP-FPM behind the lab's nginx: scripts that run too long, use too much memory,
 * crash, and a pool too small for its traffic. Both PHP-FPM's own log and nginx's error
 * log must be read correctly. Needs Debian's php-fpm package; skipped without it. Set
 * CAPTURE_CORPUS=1 to refresh test/lab/corpus/php-fpm.log and nginx-php-error.log.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { startNginx, type LabNginx } from "@/test/lab/nginx";
import { startProcess, untilReady, type LabProcess } from "@/test/lab/process";

const PHP_FPM = "/usr/sbin/php-fpm8.2";

const SCRIPTS: Record<string, string> = {
  sleep: "<?php sleep(5); echo 'done';",
  memory: "<?php $a = []; while (true) { $a[] = str_repeat('x', 1024 * 1024); }",
  fatal: "<?php undefined_function_for_the_lab();",
  "max-execution": "<?php set_time_limit(1); $i = 0; while (true) { $i++; }",
  busy: "<?php usleep(1500000); echo 'busy';",
};

let dir: string;
let fpm: LabProcess;
let nginx: LabNginx;
let fpmLog = "";
let nginxLog = "";

async function waitForFile(path: string): Promise<void> {
  for (let i = 0; i < 100 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 50));
}

describe.skipIf(!existsSync(PHP_FPM))("real PHP-FPM and nginx log lines", () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "gd-analyzer-php-"));
    await mkdir(join(dir, "www"));
    for (const [name, source] of Object.entries(SCRIPTS))
      await writeFile(join(dir, "www", `${name}.php`), source);
    const runAs = process.getuid?.() === 0 ? "user = root\ngroup = root" : "";
    await writeFile(
      join(dir, "php-fpm.conf"),
      `[global]
pid = ${dir}/fpm.pid
error_log = ${dir}/fpm.log
log_level = notice
daemonize = no

[slow]
${runAs}
listen = ${dir}/slow.sock
pm = static
pm.max_children = 4
request_terminate_timeout = 1s
php_admin_value[memory_limit] = 16M
php_admin_flag[log_errors] = on

[plain]
${runAs}
listen = ${dir}/plain.sock
pm = static
pm.max_children = 3
php_admin_value[memory_limit] = 16M
php_admin_flag[log_errors] = on

[busy]
${runAs}
listen = ${dir}/busy.sock
pm = dynamic
pm.max_children = 1
pm.start_servers = 1
pm.min_spare_servers = 1
pm.max_spare_servers = 1
`,
    );
    fpm = startProcess(PHP_FPM, [
      "--nodaemonize",
      "--allow-to-run-as-root",
      "--fpm-config",
      join(dir, "php-fpm.conf"),
    ]);
    await untilReady(
      fpm,
      "php-fpm",
      Promise.all([waitForFile(join(dir, "slow.sock")), waitForFile(join(dir, "busy.sock"))]).then(
        () => undefined,
      ),
    );

    const location = (name: string, pool: string) =>
      `location = /${name} { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME ${dir}/www/${name}.php; fastcgi_pass unix:${dir}/${pool}.sock; }`;
    nginx = await startNginx({
      http: `server {
    listen 127.0.0.1:{{port}};
    ${location("sleep", "slow")}
    ${["memory", "fatal", "max-execution"].map((name) => location(name, "plain")).join("\n    ")}
    ${location("busy", "busy")}
  }`,
    });

    const get = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${nginx.port}${path}`, {
        signal: AbortSignal.timeout(15_000),
      }).catch(() => null);
      await response?.arrayBuffer().catch(() => null);
    };
    await Promise.all([
      get("/sleep"),
      get("/memory"),
      get("/fatal"),
      get("/max-execution"),
      ...Array.from({ length: 4 }, () => get("/busy")),
    ]);
    // PHP-FPM's pool manager checks once a second whether the pool is full.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    fpmLog = await readFile(join(dir, "fpm.log"), "utf8");
    nginxLog = await nginx.errorLog();
    if (process.env.CAPTURE_CORPUS === "1") {
      const corpus = join(process.cwd(), "test/lab/corpus");
      await writeFile(join(corpus, "php-fpm.log"), fpmLog);
      await writeFile(
        join(corpus, "nginx-php-error.log"),
        `${nginxLog
          .split("\n")
          .filter((line) => /\[(?:error|warn|crit)\]/.test(line))
          .join("\n")}\n`,
      );
    }
  }, 60_000);

  afterAll(async () => {
    await nginx?.stop();
    await fpm?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const rules = (log: string) =>
    log.split("\n").map((line) => analyzePaste(line).findings[0]?.ruleId);

  it("reads PHP-FPM's log: the terminated request and the full pool", () => {
    expect(rules(fpmLog), fpmLog).toEqual(
      expect.arrayContaining(["php-fpm-execution-timeout", "php-fpm-max-children"]),
    );
  });

  it("reads the PHP errors nginx relays from FastCGI", () => {
    // PHP's message can span lines (an uncaught error carries its stack trace), so the
    // line that names the error is the one to read, not the one with the request.
    const ruleFor = (needle: string) =>
      nginxLog
        .split("\n")
        .filter((line) => line.includes(needle))
        .map((line) => analyzePaste(line).findings[0]?.ruleId);
    expect(ruleFor("Allowed memory size"), nginxLog).toEqual(["php-memory-limit"]);
    expect(ruleFor("undefined_function_for_the_lab"), nginxLog).toContain("php-fatal-error");
    expect(ruleFor("Maximum execution time"), nginxLog).toEqual(["php-max-execution-time"]);
  });

  it("reads nginx's line for the worker PHP-FPM killed mid-request", () => {
    const lines = nginxLog
      .split("\n")
      .filter((line) => line.includes('request: "GET /sleep HTTP/1.1"'));
    expect(
      lines.map((line) => analyzePaste(line).findings[0]?.ruleId),
      nginxLog,
    ).toContain("nginx-fastcgi-reset");
  });
});
