/** `text` in chunks of the given sizes, taken in turn: a reader must not depend on where they fall. */
export async function* chunked(text: string, sizes: readonly number[]): AsyncIterable<string> {
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield text.slice(at, at + size);
    at += size;
  }
}

/** Every row of a reader's batches, in order. */
export async function collect<T>(rows: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const batch of rows) all.push(...batch);
  return all;
}
