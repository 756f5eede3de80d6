import { Children, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { CodeBlock, readFence } from "./code-block";

/**
 * How many alternatives one <CommandTabs> may hold. The stylesheet has one "show panel N" rule
 * per position (CSS cannot match a radio to its panel by value), so it must list this many.
 */
export const maxCommandChoices = 6;

/** Props of `<Command>`, available in every MDX file without an import. */
export interface CommandProps {
  /** Which alternative this is, as the reader would pick it: "firewalld (RHEL, Rocky, Alma)". */
  label: string;
  /** Exactly one fenced code block. */
  children: ReactNode;
}

/** Props of `<CommandTabs>`, available in every MDX file without an import. */
export interface CommandTabsProps {
  /** The choice the reader makes, e.g. "Your firewall"; names the group of options. */
  label: string;
  /** Two or more `<Command>` elements, one per alternative. */
  children: ReactNode;
}

/** The one fenced block inside a <Command>; MDX hands it over as its `pre` element. */
function fenceOf(label: string, children: ReactNode) {
  const elements = Children.toArray(children).filter(isValidElement);
  const pre = elements[0] as ReactElement<{ children?: ReactNode }> | undefined;
  const code = pre?.props.children;
  const fence = readFence(code);
  const hasFence =
    isValidElement<{ className?: string }>(code) && /language-/.test(code.props.className ?? "");
  // MDX props are not type-checked; a Command that lost its fence (or gained a paragraph) must
  // fail the content render test instead of rendering an empty or half block.
  if (elements.length !== 1 || !hasFence || fence.code.trim() === "") {
    throw new Error(
      `<Command label="${label}">: must hold exactly one fenced code block with a language`,
    );
  }
  return fence;
}

/**
 * One alternative's commands as a labelled code block with its own Copy button. Inside
 * `<CommandTabs>` it becomes one of the choices; on its own it is simply a titled block.
 */
export function Command({ label, children }: CommandProps) {
  if (typeof label !== "string" || label.trim() === "") {
    throw new Error("<Command>: needs a label naming the alternative");
  }
  return <CodeBlock {...fenceOf(label, children)} title={label} />;
}

/**
 * Alternatives (per distribution, per server, per cloud) as a choice of radio buttons, each
 * showing its own block, so a Copy never runs two products' commands together.
 *
 * Plain HTML radios and CSS, no client JavaScript: the arrow keys move between choices as in any
 * radio group, and a browser without `:has()` shows every block under its title instead. A
 * tablist would need scripted keyboard handling to be honest about its role, and nothing here
 * needs more than a radio group offers.
 */
export function CommandTabs({ label, children }: CommandTabsProps) {
  // Radios group by name across the whole page, so each set needs its own.
  const name = useId();
  if (typeof label !== "string" || label.trim() === "") {
    throw new Error('<CommandTabs>: needs a label naming the choice, e.g. "Your firewall"');
  }
  const choices = Children.toArray(children).filter(isValidElement);
  const commands = choices.filter(
    (child): child is ReactElement<CommandProps> => child.type === Command,
  );
  if (commands.length !== choices.length) {
    throw new Error(`<CommandTabs label="${label}">: may only hold <Command> elements`);
  }
  if (commands.length < 2 || commands.length > maxCommandChoices) {
    throw new Error(
      `<CommandTabs label="${label}">: holds ${commands.length} commands; ` +
        `a choice needs 2 to ${maxCommandChoices}`,
    );
  }
  return (
    <div className="command-tabs my-5">
      <fieldset className="command-tabs-choices">
        <legend>{label}</legend>
        {commands.map((command, index) => (
          <label key={index} className="command-tabs-choice">
            <input type="radio" name={name} value={index} defaultChecked={index === 0} />
            {command.props.label}
          </label>
        ))}
      </fieldset>
      {commands.map((command, index) => (
        <div key={index} className="command-tabs-panel" data-choice={index}>
          {command}
        </div>
      ))}
    </div>
  );
}
