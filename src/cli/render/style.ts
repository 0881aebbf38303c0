import { Chalk, type ChalkInstance } from 'chalk';

/** Colour only for a terminal that wants it; piped output stays plain. */
export function createStyle(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}
