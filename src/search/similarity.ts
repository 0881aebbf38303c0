// How alike two tickets' problems are, for `desk similar`: the desk's knowledge base is its own
// solved tickets, and an operator answering a call wants the few that describe the same problem.
// Pure; the store finds the candidates and the term frequencies (src/store/sqlite-search.ts).
//
// Text similarity is the overlap of the two tickets' trigrams (title and description), each
// trigram weighted by how rare it is in the desk (inverse document frequency), so the words that
// name the problem ("卡纸", "ORA-01555") count and the polite ones ("您好", "please help") barely do.
// Among tickets that read alike, the same department (same printers, same systems) and recent
// solutions (the fix that worked last week) come first: a problem that comes back comes back soon.
// Measured on generated data in bench/search.mjs (a ticket's near-duplicate twin in the top five).
import { trigrams } from './query.js';

export const SIMILARITY = {
  /** Rarest trigrams of the ticket used to find candidates in the index. */
  queryTerms: 4,
  /** Candidates taken from the index, by its own ranking, before the exact scoring. */
  candidates: 200,
  /** Weight of a trigram whose frequency was not looked up (punctuation, spaces, the other ticket's own words). */
  unknownWeight: 3,
  /** Weight of trigrams that span spaces or punctuation: they carry little meaning. */
  separatorWeight: 0.5,
  /** Similarity is divided by 1 + ageDecay · ln(1 + hours between the two tickets). */
  ageDecay: 0.2,
  sameDepartment: 0.2,
  sameCategory: 0.05,
} as const;

export interface ProblemText {
  title: string;
  description: string | null;
}

export interface Comparable extends ProblemText {
  created_at: number;
  department: string | null;
  category: string | null;
}

// The fifty most frequent trigrams of English text: common everywhere, so not worth looking up (a
// lookup reads the trigram's whole list of tickets, and these are the longest lists).
const COMMON_ENGLISH = new Set(
  ('the and ing ion tio ent ati for her ter hat tha ere ate his con res ver all ons nce men ith ted ers pro thi wit are ess not ive ' +
    'was ect rea com eve per int est sta cti ica ist ear ain one our iti rat').split(' '),
);
/** Weight of a common English trigram (about its inverse document frequency in any desk). */
export const COMMON_WEIGHT = 1;

/** A trigram made only of letters and digits: worth looking up how rare it is. */
export function isWordGram(gram: string): boolean {
  return !/[\s\p{P}\p{S}]/u.test(gram);
}

/** A word trigram whose frequency is worth looking up: not one of the commonest English ones. */
export function isRareCandidate(gram: string): boolean {
  return isWordGram(gram) && !COMMON_ENGLISH.has(gram);
}

/** The distinct trigrams of a ticket's problem: its title and description. */
export function problemGrams(ticket: ProblemText): Set<string> {
  const grams = new Set<string>();
  for (const text of [ticket.title, ticket.description ?? '']) for (const gram of trigrams(text)) if (gram.trim().length === 3) grams.add(gram);
  return grams;
}

/** What the scoring needs to know about the ticket the others are compared with. */
export interface SimilarityProbe {
  ticket: Comparable;
  grams: Set<string>;
  /** Inverse document frequency of the trigrams whose frequency was looked up. */
  idf: Map<string, number>;
  total: number;
}

export function weightOf(gram: string, idf: ReadonlyMap<string, number>): number {
  return idf.get(gram) ?? (COMMON_ENGLISH.has(gram) ? COMMON_WEIGHT : isWordGram(gram) ? SIMILARITY.unknownWeight : SIMILARITY.separatorWeight);
}

/**
 * `documentFrequency` gives, for each word trigram of the ticket, how many tickets contain it
 * (the ticket itself included); `tickets` is the number of tickets in the index.
 */
export function probeFor(ticket: Comparable, documentFrequency: ReadonlyMap<string, number>, tickets: number): SimilarityProbe {
  const grams = problemGrams(ticket);
  const idf = new Map<string, number>();
  for (const [gram, df] of documentFrequency) idf.set(gram, Math.log(Math.max(tickets, 1) / Math.max(df, 1)));
  let total = 0;
  for (const gram of grams) total += weightOf(gram, idf);
  return { ticket, grams, idf, total };
}

/** The word trigrams to ask the index for: the rarest that some other ticket also has. */
export function queryGrams(probe: SimilarityProbe, documentFrequency: ReadonlyMap<string, number>): string[] {
  return [...documentFrequency]
    .filter(([, df]) => df > 1)
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, SIMILARITY.queryTerms)
    .map(([gram]) => gram);
}

export function ageFactor(a: number, b: number): number {
  return 1 / (1 + SIMILARITY.ageDecay * Math.log1p(Math.abs(a - b) / 3_600_000));
}

/** Weighted overlap of the trigrams (0 to 1), lowered with the time between the tickets, plus the bonuses. */
export function similarityScore(probe: SimilarityProbe, other: Comparable): number {
  let shared = 0;
  let extra = 0;
  for (const gram of problemGrams(other)) {
    const weight = weightOf(gram, probe.idf);
    if (probe.grams.has(gram)) shared += weight;
    else extra += weight;
  }
  const overlap = probe.total + extra > 0 ? shared / (probe.total + extra) : 0;
  const { ticket } = probe;
  return (
    overlap * ageFactor(ticket.created_at, other.created_at) +
    (ticket.department && ticket.department === other.department ? SIMILARITY.sameDepartment : 0) +
    (ticket.category && ticket.category === other.category ? SIMILARITY.sameCategory : 0)
  );
}
