// Colour only for a terminal that wants it. Piped output stays plain, and then chalk is not even
// loaded: scripts and cron pay nothing for colour they never see.

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const plain = (text: string) => text;
export const PLAIN: Style = { bold: plain, dim: plain, red: plain, yellow: plain, cyan: plain };

export async function loadStyle(color: boolean): Promise<Style> {
  if (!color) return PLAIN;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}
