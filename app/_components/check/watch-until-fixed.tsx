import { watchIntervalFrom } from "@/lib/check/watch";
import { WatchUntilFixedForm } from "./watch-until-fixed-form";

/**
 * `<WatchUntilFixed />` in content: placed in each fix step's "Check that it worked" section,
 * so the person who just applied a fix can have the site watched until it answers (issue 18).
 * The interval is the server's CHECK_WATCH_INTERVAL_MS, the same as a result's "Watch this URL".
 */
export function WatchUntilFixed() {
  return (
    <WatchUntilFixedForm intervalMs={watchIntervalFrom(process.env.CHECK_WATCH_INTERVAL_MS)} />
  );
}
