import { z } from "zod";

/**
 * A content id is the MDX file's name without `.mdx`: the id of the state it renders
 * (lowerCamel, e.g. "cf520", "proxyUpstream"). Letters and digits only keep ids safe as file
 * names on every platform and out of reach of path tricks.
 */
export const contentIdPattern = /^[a-z][a-zA-Z0-9]*$/;

export function isContentId(value: string): boolean {
  return contentIdPattern.test(value);
}

/** Zod error text: say "missing" for an absent field, otherwise what the value must be. */
function expected(what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? `missing; must be ${what}` : `must be ${what}`;
}

// A second sentence usually starts after ". " with a capital letter; abbreviations such as
// "e.g. nginx" stay allowed because the next word is lower case.
const secondSentence = /[.!?]\s+[A-Z]/;

export const contentMetadataSchema = z
  .object({
    /** Heading shown on the page and in the browser tab; plain text, no trailing period. */
    title: z
      .string({ error: expected("a string") })
      .trim()
      .min(1, "must not be empty")
      .max(90, "must be at most 90 characters so it fits a narrow screen on two lines")
      .refine((value) => !value.endsWith("."), "must not end with a period"),
    /** One sentence saying what the page is for; shown in lists and link previews. */
    summary: z
      .string({ error: expected("a string") })
      .trim()
      .min(1, "must not be empty")
      .max(240, "must be at most 240 characters")
      .refine((value) => /[.!?]$/.test(value), "must be one sentence ending in . ? or !")
      .refine((value) => !secondSentence.test(value), "must be one sentence, not several")
      .refine((value) => !/\n/.test(value), "must not contain line breaks"),
  })
  // Unknown keys are usually typos of real ones ("sumary"); failing loudly beats ignoring them.
  .strict();

export type ContentMetadata = z.infer<typeof contentMetadataSchema>;

/**
 * Fields content files used to carry that now live in one place only, so an old habit gets a
 * pointer instead of "possibly a typo".
 */
const movedToFlow: Readonly<Record<string, string>> = {
  kind: "declared with the state in machines/flow/branches/, not in the content file",
  slug: "the state id is the file name; there is no separate slug",
};

/** Raised when a content file's exported metadata does not match the schema. */
export class ContentMetadataError extends Error {
  /** One line per problem, each `content/<id>.mdx: <field>: <problem>`. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "ContentMetadataError";
    this.problems = problems;
  }
}

/** Path of a content file as people see it in the repository, used in every error message. */
export function contentFileLabel(id: string): string {
  return `content/${id}.mdx`;
}

/**
 * Checks a file's exported `metadata` and returns it typed, or throws one error listing every
 * problem as `content/<id>.mdx: <field>: <problem>` so the failing file and field are obvious.
 */
export function parseContentMetadata(id: string, raw: unknown): ContentMetadata {
  const file = contentFileLabel(id);
  if (raw === undefined) {
    throw new ContentMetadataError([
      `${file}: metadata: missing; add \`export const metadata = { title, summary }\``,
    ]);
  }
  const result = contentMetadataSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) =>
        key in movedToFlow
          ? `${file}: ${key}: ${movedToFlow[key]}`
          : `${file}: ${key}: unknown field (possibly a typo)`,
      );
    }
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "metadata";
    return [`${file}: ${field}: ${issue.message}`];
  });
  throw new ContentMetadataError(problems);
}
