import { declareCommand, REVEAL, TICKET } from '../declaration.js';
import type { ShowOptions } from './show.js';

export const declaration = declareCommand<ShowOptions>({
  name: 'show',
  description: 'Show one ticket, or its printable service report',
  examples: ['desk show SD-202611-00042', 'desk show 2611-42 --json --reveal', "desk show '#42' --format html --reveal > report.html"],
  arguments: [TICKET],
  flags: {
    format: { syntax: '--format <format>', description: 'text (default), or the service report as md or html' },
    reveal: REVEAL,
  },
  load: () => import('./show.js'),
});
