import { CopyButton } from "@/app/_components/copy-button";
import type { OwnerMessage as Message } from "@/lib/wizard/visitor-message";

/**
 * The visitor's message to the people who run the site, first on the ending, since sending it is
 * the one thing left to do. The text is selectable where the copy button cannot run.
 */
export function OwnerMessage({ message }: { message: Message }) {
  return (
    <section
      aria-labelledby="owner-message-title"
      className="space-y-3 rounded-lg border border-line bg-surface p-4"
      data-testid="owner-message"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="owner-message-title" className="text-lg font-semibold">
          Send the site&apos;s owner this message
        </h2>
        <CopyButton text={message.text} label="message" />
      </div>
      <p className="text-sm">
        Use the site&apos;s contact form, support email, help centre or social account.{" "}
        {message.hasPlaceholders
          ? "Fill in the parts in capitals before you send it."
          : "Everything in it comes from your answers and the check."}
      </p>
      <pre
        className="overflow-x-auto rounded-md border border-line bg-code p-3 font-mono text-sm whitespace-pre-wrap"
        tabIndex={0}
        aria-label="Message to the site's owner"
      >
        {message.text}
      </pre>
    </section>
  );
}
