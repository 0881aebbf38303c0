// Types of generate.mjs for the TypeScript tests that use it.
export declare const FIELDS: readonly string[];

export interface GeneratedTicket {
  [field: string]: any;
  external_id: string;
  created_at: string;
  title: string;
  status: string;
}

export declare function generateTickets(options: { seed?: number; count: number; months?: number; end?: string }): Generator<GeneratedTicket>;
