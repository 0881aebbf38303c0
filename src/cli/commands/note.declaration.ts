import { declareCommand, IF_VERSION, TICKET } from '../declaration.js';
import type { NoteOptions } from './note.js';

export const declaration = declareCommand<NoteOptions>({
  name: 'note',
  description: 'Add a note to a ticket',
  examples: ['desk note 42 "Called back, no answer"'],
  arguments: [TICKET, { syntax: '[text...]', description: 'the note; prompted for in a terminal when missing' }],
  flags: { ifVersion: IF_VERSION },
  load: () => import('./note.js'),
});
