// The content names the buttons people must click; a renamed answer in the flow, or a shortened
// label in the prose ("choose **Still failing**" for "No, still failing"), leaves someone in
// the middle of an outage looking for a button that is not there. This holds every content file
// to the answers of its own state, and every wizard link in it to a permalink that replays.
// The rules and the tolerance are documented in ./answer-mentions.ts.
import { describe, expect, it } from "vitest";
import { listContentIds, readContentSource } from "@/lib/content/files";
import { answersFor } from "@/machines/steps";
import {
  answerLabelProblems,
  findAnswerMentions,
  normaliseLabel,
  wizardLinkProblem,
} from "./answer-mentions";

const mentionTexts = (source: string) => findAnswerMentions(source).map((mention) => mention.text);

describe("the answer-label checker", () => {
  it("reports a shortened label with its file, line, text and the labels that exist", () => {
    const source = "## Did it work?\n\nIf it still fails, choose **Still failing**.\n";
    expect(answerLabelProblems("cf520", source)).toEqual([
      'content/cf520.mdx:3: names the answer "Still failing", which cf520 does not offer; ' +
        'its answers: "Yes, that fixed it", "No, still failing"',
    ]);
  });

  it("accepts the exact label, and forgives only case, curly quotes and trailing punctuation", () => {
    expect(
      answerLabelProblems("cf520", "If it still fails, choose **No, still failing**."),
    ).toEqual([]);
    expect(answerLabelProblems("cf520", "Then pick **no, still failing.**")).toEqual([]);
    expect(
      answerLabelProblems("visitorScope", "**I don’t know.** Choose this and read on."),
    ).toEqual([]);
    expect(normaliseLabel("Still failing")).not.toBe(normaliseLabel("No, still failing"));
  });

  it("does not take ordinary bold text, keys or browser buttons for answers", () => {
    const source = [
      "The **origin** is the server behind the CDN. Press **F12**, then click **Clear host cache**.",
      "",
      "A few details help you choose:",
      "",
      "- **Apache answers a dead backend with 503.** That is a backend that is down.",
      "",
      "If a deploy needs downtime, answer **503** with a `Retry-After` header.",
      "",
      "```bash",
      "# choose **Still failing**",
      "```",
    ].join("\n");
    expect(mentionTexts(source)).toEqual([]);
    expect(answerLabelProblems("resolvedDeploy", source)).toEqual([]);
  });

  it("finds answers in a Choose column, in quotes, in chains and in a list of answers", () => {
    const source = [
      "| You see | Choose |",
      "|---|---|",
      "| `status 200` | **The origin answers fine directly** (most often) |",
      "",
      "If nothing fits, choose \"I don't know the origin's address\", or go with **A** or **B**.",
      "",
      "Then pick what fits best:",
      "",
      "- **Under load:** the errors bunch up in the busiest minutes.",
      "- **Quiet nights:** the first request after a quiet spell fails.",
    ].join("\n");
    expect(findAnswerMentions(source)).toEqual([
      { text: "The origin answers fine directly", line: 3 },
      { text: "I don't know the origin's address", line: 5 },
      { text: "A", line: 5 },
      { text: "B", line: 5 },
      { text: "Under load:", line: 9 },
      { text: "Quiet nights:", line: 10 },
    ]);
  });

  it("fails any answer named on an outcome, which offers none", () => {
    expect(answerLabelProblems("resolvedEdge", "Choose **No, still failing**.")).toEqual([
      'content/resolvedEdge.mdx:1: names the answer "No, still failing", which resolvedEdge ' +
        "does not offer; its answers: none (an outcome offers no answers)",
    ]);
  });

  it("counts lines from the top of the file, front-matter included", () => {
    const source = [
      "export const metadata = {",
      '  title: "A title",',
      '  summary: "A summary.",',
      "};",
      "",
      "If the logs are empty, choose",
      "**Not sure**.",
    ].join("\n");
    expect(answerLabelProblems("findLogs", source)[0]).toMatch(/^content\/findLogs\.mdx:7: /);
  });

  it("accepts wizard links that replay and names the answer a broken one lacks", () => {
    expect(wizardLinkProblem("/diagnose/owner/502")).toBeNull();
    expect(wizardLinkProblem("/embed/visitor/just-me?utm=x#answers")).toBeNull();
    expect(wizardLinkProblem("/diagnose/map")).toBeNull();
    expect(wizardLinkProblem("/diagnose/owner/599")).toBe(
      '/diagnose/owner/599 does not replay: "599" is not an answer of ownerWhichError ' +
        "(its answers: 500, 502, 503, 504, cloudflare-52x, no-status, certificate-error, " +
        "comes-and-goes, not-sure)",
    );
    const source = "See [the proxy step](/diagnose/owner/502/web-server) and [analyze](/analyze).";
    expect(answerLabelProblems("start", source)).toEqual([
      'content/start.mdx:1: links /diagnose/owner/502/web-server does not replay: "web-server" ' +
        `is not an answer of whoRendered (its answers: ${answersFor("whoRendered")
          .map((option) => option.answer)
          .join(", ")})`,
    ]);
  });
});

describe("content names only answers its state offers", () => {
  const ids = listContentIds();

  it("finds the answers the content names (the checker has not gone blind)", () => {
    const total = ids.reduce(
      (sum, id) => sum + findAnswerMentions(readContentSource(id)).length,
      0,
    );
    // 204 when this was written; a big drop means the parser or a rule stopped matching.
    expect(total).toBeGreaterThan(150);
  });

  it.each(ids)("content/%s.mdx", (id) => {
    expect(answerLabelProblems(id, readContentSource(id))).toEqual([]);
  });
});
