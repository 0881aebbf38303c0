// One pass over the text finds every keyword of every rule (Aho–Corasick), so hundreds of keyword
// rules cost one scan per ticket, not hundreds. Case-insensitive; Chinese needs no tokeniser
// because keywords are plain substrings.

// States are indexed by UTF-16 code unit: Chinese characters are one unit each, and characters
// outside the BMP are two units on both sides, so they still match.
interface Node {
  next: Map<number, number>;
  fail: number;
  /** Keyword ids ending here, including those reached through fail links. */
  out: number[];
}

export class KeywordMatcher {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  private readonly ids = new Map<string, number>();

  /** Registers a keyword (once) and returns its id. */
  add(keyword: string): number {
    const folded = keyword.toLowerCase();
    const known = this.ids.get(folded);
    if (known !== undefined) return known;
    const id = this.ids.size;
    this.ids.set(folded, id);
    let state = 0;
    for (let i = 0; i < folded.length; i++) {
      const unit = folded.charCodeAt(i);
      let next = this.nodes[state]!.next.get(unit);
      if (next === undefined) {
        next = this.nodes.push({ next: new Map(), fail: 0, out: [] }) - 1;
        this.nodes[state]!.next.set(unit, next);
      }
      state = next;
    }
    this.nodes[state]!.out.push(id);
    return id;
  }

  /** Builds the fail links; call once after every keyword is added. */
  compile(): this {
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) queue.push(child);
    while (queue.length) {
      const state = queue.shift()!;
      for (const [char, child] of this.nodes[state]!.next) {
        let fail = this.nodes[state]!.fail;
        while (fail !== 0 && !this.nodes[fail]!.next.has(char)) fail = this.nodes[fail]!.fail;
        const target = this.nodes[fail]!.next.get(char);
        this.nodes[child]!.fail = target !== undefined && target !== child ? target : 0;
        this.nodes[child]!.out.push(...this.nodes[this.nodes[child]!.fail]!.out);
        queue.push(child);
      }
    }
    return this;
  }

  /** The ids of every keyword that occurs in `text`. */
  find(text: string): Set<number> {
    const found = new Set<number>();
    if (!text || this.ids.size === 0) return found;
    const folded = text.toLowerCase();
    const nodes = this.nodes;
    let state = 0;
    for (let i = 0; i < folded.length; i++) {
      const unit = folded.charCodeAt(i);
      let next = nodes[state]!.next.get(unit);
      while (next === undefined && state !== 0) {
        state = nodes[state]!.fail;
        next = nodes[state]!.next.get(unit);
      }
      state = next ?? 0;
      const out = nodes[state]!.out;
      for (let k = 0; k < out.length; k++) found.add(out[k]!);
    }
    return found;
  }
}
