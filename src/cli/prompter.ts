// Prompts are a convenience for a terminal, never a requirement: every prompt has a flag.
import type { Context } from './context.js';

export async function askText(ctx: Context, message: string, required = true): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return input({ message, required }, { input: ctx.io.stdin, output: ctx.io.stdout as NodeJS.WritableStream });
}

/** Asks for one of `choices`, each shown by its name (a label in the operator's language). */
export async function askChoice(ctx: Context, message: string, choices: readonly { value: string; name: string }[]): Promise<string> {
  const { select } = await import('@inquirer/prompts');
  return select({ message, choices: choices.map(({ value, name }) => ({ value, name })) }, { input: ctx.io.stdin, output: ctx.io.stdout as NodeJS.WritableStream });
}

/** Asks for a secret, echoing a mask instead of what is typed. */
export async function askPassword(ctx: Context, message: string): Promise<string> {
  const { password } = await import('@inquirer/prompts');
  return password({ message, mask: true }, { input: ctx.io.stdin, output: ctx.io.stdout as NodeJS.WritableStream });
}
