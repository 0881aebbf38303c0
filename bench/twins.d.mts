// Types of twins.mjs for the TypeScript tests that use it.
import type { GeneratedTicket } from './generate.mjs';

export declare const FIELDS: readonly string[];
export declare function generateWithTwins(options: { seed?: number; count: number; months?: number; end?: string }): Generator<GeneratedTicket & { twin_of: number | null }>;
