/**
 * Simulated regions for the distributed test: one Linux network namespace per region, joined to
 * this machine by a veth pair with private addresses, optionally slowed down by tc netem and
 * firewalled by nftables. Everything is created by the test and named with its pid, so runs
 * cannot collide, and deleting a namespace deletes its veth pair, its qdisc and its rules.
 *
 * Addressing: region i gets 10.B.i.0/30 (B from the pid), .1 on the host end and .2 inside.
 * The host ends are addresses of this machine, so any of them reaches a server bound there
 * from every namespace (Linux accepts a local address on any interface: the "weak host"
 * model, https://www.kernel.org/doc/html/latest/networking/ip-sysctl.html, see rp_filter and
 * arp_ignore); the namespaces route everything through their own host end.
 * Sources: ip-netns(8), veth(4), tc-netem(8), nft(8).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs a command as root-only network tools need; the error names the command and its stderr. */
async function sh(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(command, args);
    return stdout;
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new Error(`${command} ${args.join(" ")} failed: ${detail}`);
  }
}

/** One simulated region. */
export interface Region {
  /** The region's name, as its worker announces it. */
  name: string;
  /** The namespace's name (for `ip netns exec`). */
  namespace: string;
  /** This machine's end of the link: servers bound here are reachable from every region. */
  hostAddress: string;
  /** The namespace's own address. */
  address: string;
  /** The netem delay added to everything the region sends, when the kernel has netem. */
  delayMs?: number;
}

/** The regions and how to tear them down. */
export interface RegionLab {
  regions: Region[];
  /** The private range every region address lies in, for PROBE_ALLOW_CIDRS. */
  cidr: string;
  /** True when a delay was asked for but this kernel has no netem qdisc. */
  delayUnsupported?: boolean;
  /** Drops every namespace (and with them their links, delays and rules). Safe to call twice. */
  cleanup: () => Promise<void>;
}

/**
 * Fails with a clear message when network namespaces cannot be created here (not root, or a
 * container without CAP_NET_ADMIN), instead of letting a test skip silently.
 */
export async function assertNetnsPermitted(): Promise<void> {
  const probe = `gd-permcheck-${process.pid}`;
  try {
    await sh("ip", ["netns", "add", probe]);
  } catch (error) {
    throw new Error(
      `The distributed test needs to create network namespaces (ip netns add) and is not permitted to here: ${(error as Error).message}. Run it as root with CAP_NET_ADMIN.`,
    );
  }
  await sh("ip", ["netns", "del", probe]);
}

/** Creates one namespace per region name, each with an optional one-way netem delay. */
export async function createRegions(
  specs: readonly { name: string; delayMs?: number }[],
): Promise<RegionLab> {
  await assertNetnsPermitted();
  const block = 100 + (process.pid % 150);
  const regions: Region[] = [];
  const lab: RegionLab = {
    regions,
    cidr: `10.${block}.0.0/16`,
    cleanup: async () => {
      for (const region of [...regions].reverse()) {
        await sh("ip", ["netns", "del", region.namespace]).catch(() => undefined);
      }
      regions.length = 0;
    },
  };
  try {
    for (const [index, spec] of specs.entries()) {
      const i = index + 1;
      const namespace = `gd-${process.pid}-${spec.name}`.slice(0, 40);
      // Interface names are at most 15 characters (IFNAMSIZ).
      const hostIf = `gdh${process.pid % 100000}x${i}`;
      const innerIf = `gdn${process.pid % 100000}x${i}`;
      const region: Region = {
        name: spec.name,
        namespace,
        hostAddress: `10.${block}.${i}.1`,
        address: `10.${block}.${i}.2`,
      };
      await sh("ip", ["netns", "add", namespace]);
      regions.push(region);
      await sh("ip", ["link", "add", hostIf, "type", "veth", "peer", "name", innerIf]);
      await sh("ip", ["link", "set", innerIf, "netns", namespace]);
      await sh("ip", ["addr", "add", `${region.hostAddress}/30`, "dev", hostIf]);
      await sh("ip", ["link", "set", hostIf, "up"]);
      const inNs = (...args: string[]) => sh("ip", ["netns", "exec", namespace, ...args]);
      await inNs("ip", "addr", "add", `${region.address}/30`, "dev", innerIf);
      await inNs("ip", "link", "set", "lo", "up");
      await inNs("ip", "link", "set", innerIf, "up");
      await inNs("ip", "route", "add", "default", "via", region.hostAddress);
      if (spec.delayMs) {
        try {
          const delay = `${spec.delayMs}ms`;
          await inNs("tc", "qdisc", "add", "dev", innerIf, "root", "netem", "delay", delay);
          region.delayMs = spec.delayMs;
        } catch (error) {
          // Kernels built without CONFIG_NET_SCH_NETEM (this lab's 6.18 is one) answer "Specified
          // qdisc kind is unknown": the regions then differ by their paths and firewall only.
          if (!/qdisc kind is unknown/i.test((error as Error).message)) throw error;
          lab.delayUnsupported = true;
        }
      }
    }
  } catch (error) {
    await lab.cleanup();
    throw error;
  }
  return lab;
}

/**
 * A firewall rule inside the region's namespace that rejects TCP to address:port with a reset,
 * as a country block or an operator's firewall would: the region's probes see the connection
 * refused at once while every other region connects.
 */
export async function blockInRegion(region: Region, address: string, port: number): Promise<void> {
  const nft = (...args: string[]) => sh("ip", ["netns", "exec", region.namespace, "nft", ...args]);
  await nft("add", "table", "inet", "gdblock");
  await nft("add", "chain", "inet", "gdblock", "out", "{ type filter hook output priority 0 ; }");
  await nft(
    "add",
    "rule",
    "inet",
    "gdblock",
    "out",
    "ip",
    "daddr",
    address,
    "tcp",
    "dport",
    String(port),
    "reject",
    "with",
    "tcp",
    "reset",
  );
}

/** Arguments that run a command inside a region's namespace. */
export function inRegion(region: Region, command: string, args: string[]): [string, string[]] {
  return ["ip", ["netns", "exec", region.namespace, command, ...args]];
}
