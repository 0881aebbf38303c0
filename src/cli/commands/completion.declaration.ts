import { declareCommand } from '../declaration.js';
import type { CompletionOptions } from './completion.js';

export const declaration = declareCommand<CompletionOptions>({
  name: 'completion',
  description: 'Print the shell completion script for bash, zsh or fish',
  examples: ['desk completion bash >> ~/.bashrc', 'desk completion zsh > "${fpath[1]}/_desk"', 'desk completion fish > ~/.config/fish/completions/desk.fish'],
  arguments: [{ syntax: '[shell]', description: 'bash, zsh or fish' }],
  flags: {
    values: { syntax: '--values <kind>', description: 'words to complete (used by the scripts)', hidden: true },
  },
  load: () => import('./completion.js'),
});
