/**
 * Finds the places where a content file tells the person which answer to click, and the links
 * it makes into the wizard, so a test can hold both to the machine. Modelled on react.dev's
 * content linters (`scripts/headingIDHelpers.js`, `ci-check`): parse the MDX, walk the tree,
 * report file and line.
 *
 * What counts as naming an answer (the rules, each seen in content/):
 * 1. Bold text right after an answer verb: `choose **No, still failing**`. The verbs are
 *    choose, pick, select (and chose, picked, selected), "go with" and "treat it/that/this as".
 *    Bold text chained to such a mention by "or", "and", "/" or a comma counts too
 *    (`choose **A** or **B**`).
 * 2. Quoted text right after an answer verb: `choose "No, still failing"` (straight or curly
 *    quotes).
 * 3. Bold text in a table column headed Choose, Answer, Your answer, Pick or Select.
 * 4. The bold lead-in of a paragraph or list item that says "choose this" or "pick this":
 *    `**I don't know.** … Choose this and …`.
 * 5. The bold lead-ins of a list introduced by a sentence that starts with the verb and ends
 *    with a colon (`Pick the change that lines up best …:` then `- **Nothing changed:** …`),
 *    for each item that does not name its answer by rule 1 itself. A list after "A few details
 *    help you choose:" is not one: the sentence must start with the verb.
 * Click, press and tap are NOT answer verbs: in this content they name keys and the buttons of
 * browsers, dashboards and operating systems (press **F12**, click **Clear host cache**).
 * "Answer" is not one either: the content uses it for what a server sends (answer **503**).
 * Ordinary bold text, with none of the above around it, is never an answer mention.
 *
 * How exact a mention must be: equal to a label of the state's answers after both are
 * normalised the same way: letters compared without case, curly quotes and apostrophes read as
 * straight ones, runs of white space as one space, and trailing . : ; , ! ? dropped (so a
 * lead-in like `**I don't know.**` names "I don't know"). Nothing else is forgiven: a shortened
 * label ("Still failing" for "No, still failing") is a different button.
 */
import { createProcessor } from "@mdx-js/mdx";
import remarkGfm from "remark-gfm";
import { replayAnswers } from "@/machines/replay";
import { getStep } from "@/machines/steps";

/** The part of an mdast node this checker reads. */
interface MarkdownNode {
  type: string;
  value?: string;
  url?: string;
  children?: MarkdownNode[];
  position?: { start: { line: number } };
}

/** One place where the content names an answer. */
export interface AnswerMention {
  /** The text named, as written (without the bold or quote marks). */
  text: string;
  /** 1-based line in the MDX file. */
  line: number;
}

/** One link from the content into the wizard. */
export interface WizardLink {
  /** The link's address, as written. */
  url: string;
  /** 1-based line in the MDX file. */
  line: number;
}

/** Where the wizard lives: the full site and the embed replay the same permalinks. */
const WIZARD_BASES = ["/diagnose", "/embed"] as const;
/** Pages under /diagnose that are not permalinks (app/diagnose/map). */
const WIZARD_PAGES = new Set(["/diagnose/map"]);

const ANSWER_VERB = String.raw`(?:choose|chose|pick|picked|select|selected|go with|treat (?:it|that|this|them) as)`;
// The text before a bold mention ends with the verb (an optional colon or comma may follow).
const verbBeforeBold = new RegExp(String.raw`\b${ANSWER_VERB}\s*[:,]?\s*$`, "i");
const chainBeforeBold = /^\s*(?:,|\/|or|and|, or|, and)\s*$/i;
const verbThenQuote = new RegExp(
  String.raw`\b${ANSWER_VERB}\s*[:,]?\s*(?:"([^"\n]+)"|“([^”\n]+)”)`,
  "gi",
);
const answerColumnHeading = /^(?:choose|answer|your answer|pick|select)$/i;
const chooseThis = /\b(?:choose|pick|select) this\b/i;
const listOfAnswersIntro = /^(?:then )?(?:choose|pick|select)\b[^.]*:\s*$/i;

function textOf(node: MarkdownNode): string {
  if (node.value !== undefined && node.type !== "mdxFlowExpression") return node.value;
  return (node.children ?? []).map(textOf).join("");
}

function lineOf(node: MarkdownNode): number {
  return node.position?.start.line ?? 0;
}

const processor = createProcessor({ remarkPlugins: [remarkGfm] });

function parse(source: string): MarkdownNode {
  // runSync applies remark-gfm's tree changes; parse alone already reads tables.
  return processor.parse(source) as unknown as MarkdownNode;
}

function walk(node: MarkdownNode, visit: (node: MarkdownNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** Rules 1, 2 and 4 within one run of inline content (a paragraph, a table cell, a heading). */
function mentionsInline(container: MarkdownNode, found: Map<object | string, AnswerMention>): void {
  const children = container.children ?? [];
  let before = "";
  let previousWasMention = false;
  for (const child of children) {
    if (child.type === "strong") {
      const isMention: boolean =
        verbBeforeBold.test(before) || (previousWasMention && chainBeforeBold.test(before));
      if (isMention) found.set(child, { text: textOf(child), line: lineOf(child) });
      previousWasMention = isMention;
      before = "";
      continue;
    }
    if (child.type === "text" && child.value !== undefined) {
      for (const match of child.value.matchAll(verbThenQuote)) {
        const text = match[1] ?? match[2] ?? "";
        const linesBefore = child.value.slice(0, match.index).split("\n").length - 1;
        const line = lineOf(child) + linesBefore;
        found.set(`quote ${line}:${match.index}`, { text, line });
      }
    }
    before += textOf(child);
  }
  const lead = children[0];
  if (lead?.type === "strong" && chooseThis.test(textOf(container))) {
    found.set(lead, { text: textOf(lead), line: lineOf(lead) });
  }
}

/** Rule 3: bold text in a table's answer column. */
function mentionsInTable(table: MarkdownNode, found: Map<object | string, AnswerMention>): void {
  const [header, ...rows] = table.children ?? [];
  const columns = (header?.children ?? [])
    .map((cell, index) => (answerColumnHeading.test(textOf(cell).trim()) ? index : -1))
    .filter((index) => index >= 0);
  for (const row of rows) {
    for (const index of columns) {
      for (const child of row.children?.[index]?.children ?? []) {
        if (child.type === "strong") found.set(child, { text: textOf(child), line: lineOf(child) });
      }
    }
  }
}

/** Rule 5: a list whose items are the answers, each introduced by its label in bold. */
function mentionsInAnswerList(
  intro: MarkdownNode,
  list: MarkdownNode,
  found: Map<object | string, AnswerMention>,
): void {
  if (intro.type !== "paragraph" || !listOfAnswersIntro.test(textOf(intro).trim())) return;
  for (const item of list.children ?? []) {
    const paragraph = item.children?.[0];
    const lead = paragraph?.children?.[0];
    if (!paragraph || lead?.type !== "strong") continue;
    const ownMentions = new Map<object | string, AnswerMention>();
    mentionsInline(paragraph, ownMentions);
    if (ownMentions.size === 0) found.set(lead, { text: textOf(lead), line: lineOf(lead) });
  }
}

const inlineContainers = new Set(["paragraph", "tableCell", "heading"]);

/** Every place in an MDX source that names an answer, in document order. */
export function findAnswerMentions(source: string): AnswerMention[] {
  const found = new Map<object | string, AnswerMention>();
  walk(parse(source), (node) => {
    if (inlineContainers.has(node.type)) mentionsInline(node, found);
    if (node.type === "table") mentionsInTable(node, found);
    const children = node.children ?? [];
    for (const [index, child] of children.entries()) {
      const previous = children[index - 1];
      if (child.type === "list" && previous) mentionsInAnswerList(previous, child, found);
    }
  });
  return [...found.values()].sort((a, b) => a.line - b.line);
}

/** Every Markdown link into the wizard (/diagnose/…, /embed/…). */
export function findWizardLinks(source: string): WizardLink[] {
  const links: WizardLink[] = [];
  walk(parse(source), (node) => {
    if (node.type !== "link" || node.url === undefined) return;
    const path = node.url.split(/[?#]/)[0] ?? "";
    if (WIZARD_BASES.some((base) => path === base || path.startsWith(`${base}/`))) {
      links.push({ url: node.url, line: lineOf(node) });
    }
  });
  return links;
}

/** The comparison form of a label or a mention (see the header for what it forgives). */
export function normaliseLabel(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.:;,!?]+$/, "")
    .toLowerCase();
}

/** Why a wizard link does not lead to a state, or null when it does. */
export function wizardLinkProblem(url: string): string | null {
  const path = (url.split(/[?#]/)[0] ?? "").replace(/\/+$/, "");
  if (WIZARD_PAGES.has(path)) return null;
  const base = WIZARD_BASES.find(
    (candidate) => path === candidate || path.startsWith(`${candidate}/`),
  );
  if (!base) return `${url} is not a wizard address`;
  let answers: string[];
  try {
    answers = path.slice(base.length).split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return `${url} is not valid percent-encoding`;
  }
  const replayed = replayAnswers(answers);
  if (replayed.ok) return null;
  const { slug, step } = replayed.error;
  const offered = step.answers.map((option) => option.answer).join(", ") || "none: an outcome";
  return `${url} does not replay: "${slug}" is not an answer of ${step.id} (its answers: ${offered})`;
}

/** Every problem in one content file, as `content/<id>.mdx:<line>: <what is wrong>`. */
export function answerLabelProblems(stateId: string, source: string): string[] {
  const step = getStep(stateId);
  const file = `content/${stateId}.mdx`;
  if (!step) return [`${file}: no state of the machine is called ${stateId}`];
  const labels = step.answers.map((option) => option.label);
  const accepted = new Set(labels.map(normaliseLabel));
  const offered = labels.length
    ? labels.map((label) => `"${label}"`).join(", ")
    : "none (an outcome offers no answers)";
  const problems = findAnswerMentions(source)
    .filter((mention) => !accepted.has(normaliseLabel(mention.text)))
    .map(
      (mention) =>
        `${file}:${mention.line}: names the answer "${mention.text.replace(/\s+/g, " ")}", which ${stateId} does not offer; its answers: ${offered}`,
    );
  for (const link of findWizardLinks(source)) {
    const problem = wizardLinkProblem(link.url);
    if (problem) problems.push(`${file}:${link.line}: links ${problem}`);
  }
  return problems;
}
