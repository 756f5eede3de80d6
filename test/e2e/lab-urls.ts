import { readFileSync } from "node:fs";
import path from "node:path";
import { appPort } from "./app-server";
import { labDir } from "./lab-server";

// The failure lab's scenario URLs for the toolkit specs (reproduce, watch, http2), read from
// the urls.json the running lab writes (test/e2e/lab-server.ts); read lazily, since specs are
// listed before the lab starts.

let urls: Record<string, string> | undefined;

/** The URL of a failure-lab scenario. */
export function labUrl(scenario: string): string {
  urls ??= JSON.parse(readFileSync(path.join(labDir(appPort), "urls.json"), "utf8")) as Record<
    string,
    string
  >;
  const url = urls[scenario];
  if (!url) throw new Error(`The failure lab has no scenario "${scenario}"`);
  return url;
}

/** The lab's root CA, which the app trusts through PROBE_EXTRA_CA_FILE. */
export function labCaFile(): string {
  return path.join(labDir(appPort), "root.pem");
}
