/**
 * Finds every occurrence of many lowercase ASCII literals in one pass (Aho–Corasick,
 * compiled to a full transition table). Searching for each of the catalog's ~170 anchors
 * separately costs one scan of the paste per anchor; this costs one scan in all, however
 * many rules the catalog grows to.
 */

/** Characters outside printable ASCII share one class: no anchor contains them. */
const ALPHABET = 128;

export class LiteralScanner {
  /** The literals, by index. */
  readonly literals: readonly string[];
  /** next state = table[state * ALPHABET + charClass]. */
  private readonly table: Uint16Array | Int32Array;
  /** Literals that end in each state, its suffixes' included. */
  private readonly outputs: (readonly number[] | undefined)[];

  constructor(literals: readonly string[]) {
    this.literals = literals;
    const goto: number[][] = [new Array<number>(ALPHABET).fill(-1)];
    const outputs: number[][] = [[]];
    literals.forEach((literal, index) => {
      let state = 0;
      for (let i = 0; i < literal.length; i++) {
        const c = classOf(literal.charCodeAt(i));
        let next = goto[state]![c]!;
        if (next === -1) {
          next = goto.length;
          goto.push(new Array<number>(ALPHABET).fill(-1));
          outputs.push([]);
          goto[state]![c] = next;
        }
        state = next;
      }
      outputs[state]!.push(index);
    });

    // Breadth-first: each state's failure link is the longest proper suffix that is also
    // a prefix of some literal; missing transitions borrow the failure state's.
    const fail = new Array<number>(goto.length).fill(0);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const next = goto[0]![c]!;
      if (next === -1) goto[0]![c] = 0;
      else queue.push(next);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      outputs[state]!.push(...outputs[fail[state]!]!);
      for (let c = 0; c < ALPHABET; c++) {
        const next = goto[state]![c]!;
        if (next === -1) {
          goto[state]![c] = goto[fail[state]!]![c]!;
        } else {
          fail[next] = goto[fail[state]!]![c]!;
          queue.push(next);
        }
      }
    }

    // Two bytes per entry while the states fit, which halves the table a browser keeps.
    this.table =
      goto.length <= 0xffff
        ? new Uint16Array(goto.length * ALPHABET)
        : new Int32Array(goto.length * ALPHABET);
    goto.forEach((row, state) => this.table.set(row, state * ALPHABET));
    this.outputs = outputs.map((list) => (list.length > 0 ? list : undefined));
  }

  /**
   * Every start offset of every literal in `text`, ascending, indexed like `literals`.
   * `text` must already be lowercase.
   */
  positions(text: string): number[][] {
    const found: number[][] = this.literals.map(() => []);
    const { table, outputs, literals } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = table[state * ALPHABET + classOf(text.charCodeAt(i))]!;
      const ended = outputs[state];
      if (ended) for (const index of ended) found[index]!.push(i - literals[index]!.length + 1);
    }
    return found;
  }
}

function classOf(code: number): number {
  return code < ALPHABET ? code : 0;
}
