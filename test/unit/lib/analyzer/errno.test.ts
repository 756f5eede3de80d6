import { constants } from "node:os";
import { describe, expect, it } from "vitest";
import { analyzePaste } from "@/lib/analyzer";
import { canonicalErrno, ERRNOS } from "@/lib/analyzer/errno";

const nginx = (errno: string, context = "while connecting to upstream") =>
  `2026/12/02 11:00:01 [error] 8#8: *3 connect() failed (${errno}) ${context}, client: 172.18.0.1, server: _, request: "GET / HTTP/1.1", upstream: "http://172.18.0.3:3000/", host: "localhost"`;

describe("canonicalErrno", () => {
  it("rewrites musl's wording to glibc's (musl src/errno/__strerror.h)", () => {
    // musl 1.1/1.2: E(EHOSTUNREACH, "Host is unreachable"), E(ETIMEDOUT, "Operation timed out"),
    // E(ENETUNREACH, "Network unreachable"), E(EADDRINUSE, "Address in use").
    expect(canonicalErrno("(113: Host is unreachable)")).toBe("(113: No route to host)");
    expect(canonicalErrno("(110: Operation timed out)")).toBe("(110: Connection timed out)");
    expect(canonicalErrno("(101: Network unreachable)")).toBe("(101: Network is unreachable)");
    expect(canonicalErrno("bind() to 0.0.0.0:80 failed (98: Address in use)")).toBe(
      "bind() to 0.0.0.0:80 failed (98: Address already in use)",
    );
    // An older musl table: E(EAGAIN, "Operation would block").
    expect(canonicalErrno("(11: Operation would block)")).toBe(
      "(11: Resource temporarily unavailable)",
    );
  });

  it("goes by the number when the text is not one it knows (a stub libc, a translation)", () => {
    expect(canonicalErrno("(111: Unknown error)")).toBe("(111: Connection refused)");
    expect(canonicalErrno("(111: Verbindungsaufbau abgelehnt)")).toBe("(111: Connection refused)");
  });

  it("goes by the text when the number is another system's (macOS and the BSDs)", () => {
    // sys/errno.h on Darwin and FreeBSD: ECONNREFUSED 61, ETIMEDOUT 60, EHOSTUNREACH 65.
    expect(canonicalErrno("(61: Connection refused)")).toBe("(111: Connection refused)");
    expect(canonicalErrno("(60: Operation timed out)")).toBe("(110: Connection timed out)");
    expect(canonicalErrno("(65: No route to host)")).toBe("(113: No route to host)");
  });

  it("reads Winsock's wording, from nginx and Apache on Windows", () => {
    expect(
      canonicalErrno(
        "(10061: No connection could be made because the target machine actively refused it)",
      ),
    ).toBe("(111: Connection refused)");
    expect(
      canonicalErrno(
        "[proxy:error] [pid 4012:tid 1720] (OS 10061)No connection could be made because the target machine actively refused it.  : AH00957: HTTP: attempt to connect to 127.0.0.1:8080 (localhost) failed",
      ),
    ).toBe(
      "[proxy:error] [pid 4012:tid 1720] (111)Connection refused: AH00957: HTTP: attempt to connect to 127.0.0.1:8080 (localhost) failed",
    );
  });

  it("rewrites APR's form on Alpine's Apache: (113)Host is unreachable:", () => {
    expect(canonicalErrno("(113)Host is unreachable: AH00957: HTTP: attempt to connect")).toBe(
      "(113)No route to host: AH00957: HTTP: attempt to connect",
    );
  });

  it("leaves glibc's own wording, APR's own codes and unknown numbers as they are", () => {
    for (const text of [
      "(111: Connection refused)",
      "(3: Host not found)",
      "(70007)The timeout specified has expired: AH01102",
      "curl: (28) Operation timed out after 30001 milliseconds",
      "(9999: Something else)",
    ])
      expect(canonicalErrno(text)).toBe(text);
  });
});

describe("the analyzer reads every C library's wording", () => {
  it.each([
    ["glibc", "111: Connection refused", "nginx-connect-refused"],
    ["musl (Alpine)", "113: Host is unreachable", "nginx-no-route"],
    ["musl (Alpine)", "101: Network unreachable", "nginx-no-route"],
    ["macOS", "61: Connection refused", "nginx-connect-refused"],
    [
      "Windows",
      "10061: No connection could be made because the target machine actively refused it",
      "nginx-connect-refused",
    ],
  ])("%s: (%s)", (_libc, errno, ruleId) => {
    const [top] = analyzePaste(nginx(errno)).findings;
    expect(top?.ruleId).toBe(ruleId);
    // The finding shows what was pasted, and what it was read as.
    expect(top?.sample).toContain(errno);
  });

  it("reads musl's connect timeout as the connect timeout, not a read timeout", () => {
    const [top] = analyzePaste(
      `2026/12/02 11:00:01 [error] 8#8: *3 upstream timed out (110: Operation timed out) while connecting to upstream, client: 172.18.0.1`,
    ).findings;
    expect(top?.ruleId).toBe("nginx-connect-timeout");
    expect(top?.readAs).toContain("(110: Connection timed out)");
  });
});

describe("the errno table", () => {
  it.runIf(process.platform === "linux")(
    "uses this machine's Linux numbers for each name (os.constants.errno)",
    () => {
      for (const errno of ERRNOS)
        expect(constants.errno[errno.name as keyof typeof constants.errno], errno.name).toBe(
          errno.linux,
        );
    },
  );
});
