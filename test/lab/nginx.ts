/**
 * Debian's real nginx, run in the foreground from a config in a temp
 * directory: `nginx -p <dir> -c <conf> -g 'daemon off;'`. The caller writes
 * the server blocks; this module supplies the rest (pid, temp paths, an
 * error log at debug-free "info" level that tests can read).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freeTcpPort, waitForTcp } from "./ports";
import { startProcess, untilReady } from "./process";

/** Options for startNginx. */
export interface NginxOptions {
  /**
   * The inside of the http {} block: server blocks and upstreams. Write
   * `{{port}}` where the listen port belongs, or listen on ports you chose
   * and pass them in `ports`.
   */
  http: string;
  /** Ports the config listens on; startNginx waits for each. Defaults to one free port bound to {{port}}. */
  ports?: number[];
}

/** A running nginx. */
export interface LabNginx {
  /** The first (or only) listen port. */
  port: number;
  /** Path of nginx's error log. */
  errorLogPath: string;
  /** The error log's current contents. */
  errorLog: () => Promise<string>;
  /** The temp directory that holds config, logs and temp files. */
  dir: string;
  /** Stops nginx and removes the directory. */
  stop: () => Promise<void>;
}

/** Starts nginx with the given http-block content and waits until it accepts connections. */
export async function startNginx(options: NginxOptions): Promise<LabNginx> {
  const dir = await mkdtemp(join(tmpdir(), "gd-nginx-"));
  const ports = options.ports ?? [await freeTcpPort()];
  const errorLogPath = join(dir, "error.log");
  const conf = `
${process.getuid?.() === 0 ? "user root root;" : ""}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${errorLogPath} info;
events { worker_connections 512; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  ${options.http.replaceAll("{{port}}", String(ports[0]))}
}
`;
  const confPath = join(dir, "nginx.conf");
  await writeFile(confPath, conf);
  const proc = startProcess("/usr/sbin/nginx", [
    "-p",
    dir,
    "-c",
    confPath,
    "-e",
    errorLogPath,
    "-g",
    "daemon off;",
  ]);
  try {
    await untilReady(
      proc,
      "nginx",
      Promise.all(ports.map((port) => waitForTcp(port))).then(() => undefined),
    );
  } catch (error) {
    await proc.stop();
    const log = await readFile(errorLogPath, "utf8").catch(() => "");
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    port: ports[0]!,
    errorLogPath,
    errorLog: () => readFile(errorLogPath, "utf8").catch(() => ""),
    dir,
    stop: async () => {
      // SIGQUIT is nginx's graceful stop; startProcess sends SIGTERM (fast stop), which is what a test wants.
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
