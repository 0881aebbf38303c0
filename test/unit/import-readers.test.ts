import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvRows, type SourceRow } from '../../src/importer/csv-reader.js';
import { readJsonArrayRows, readNdjsonRows, type JsonRow } from '../../src/importer/json-reader.js';
import { openTextSource } from '../../src/importer/source.js';
import { chunked, collect } from './chunks.js';

const CSV = [
  'id,title,description',
  '1,"Printer says ""PC LOAD LETTER""","Line one, with a comma',
  'Line two',
  'Line three"',
  '',
  '2,Second,plain',
  '3,"Title with, comma",',
  ',,',
  '4,"CRLF inside\r\nthe field",x',
].join('\n');

const EXPECTED: Pick<SourceRow, 'line' | 'values'>[] = [
  { line: 1, values: ['id', 'title', 'description'] },
  { line: 2, values: ['1', 'Printer says "PC LOAD LETTER"', 'Line one, with a comma\nLine two\nLine three'] },
  { line: 6, values: ['2', 'Second', 'plain'] },
  { line: 7, values: ['3', 'Title with, comma', ''] },
  { line: 9, values: ['4', 'CRLF inside\r\nthe field', 'x'] },
];

describe('the CSV reader', () => {
  it('gives every row with the line it starts on, also after quoted line breaks and blank lines', async () => {
    expect(await collect(readCsvRows(chunked(CSV, [1 << 20]), 'x.csv'))).toEqual(EXPECTED);
  });

  it('reads the same rows however the text is cut into chunks', async () => {
    for (const sizes of [[1], [2], [3, 5], [7], [13, 1, 4]]) {
      expect(await collect(readCsvRows(chunked(CSV, sizes), 'x.csv'))).toEqual(EXPECTED);
    }
  });

  it('reads CRLF files, keeping a CRLF inside a quoted field', async () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n2,z\r\n';
    for (const sizes of [[1 << 20], [1], [4]]) {
      expect(await collect(readCsvRows(chunked(text, sizes), 'x.csv'))).toEqual([
        { line: 1, values: ['a', 'b'] },
        { line: 2, values: ['1', 'x\r\ny'] },
        { line: 4, values: ['2', 'z'] },
      ]);
    }
  });

  it.each([
    [';', 'a;b\n1;"x;y"\n'],
    ['\t', 'a\tb\n1\t"x\ty"\n'],
  ])('finds the delimiter %j from the header', async (_, text) => {
    expect((await collect(readCsvRows(chunked(text, [1 << 20]), 'x.csv'))).map((r) => r.values)).toEqual([
      ['a', 'b'],
      ['1', `x${text[1]}y`],
    ]);
  });

  it('stops at a quote that never closes, naming the line it opened on', async () => {
    await expect(collect(readCsvRows(chunked('a,b\n1,x\n2,"never\nclosed\n', [5]), 'bad.csv'))).rejects.toThrow(
      'bad.csv:3: a quoted field opened on this line is never closed',
    );
  });

  it('marks a row with a stray quote inside a quoted field', async () => {
    const rows = await collect(readCsvRows(chunked('a,b\n1,"x"y"\n', [1 << 20]), 'x.csv'));
    expect(rows[1]!.problem).toMatch(/quote/);
  });
});

describe('the NDJSON reader', () => {
  it('gives each line its number; a line that is not JSON is a bad row, not the end', async () => {
    const text = '{"a":1}\n\n{"a":\n{"a":"x\\ny"}\r\n[1]';
    for (const sizes of [[1 << 20], [1], [3]]) {
      const rows = await collect(readNdjsonRows(chunked(text, sizes), 'x.ndjson'));
      expect(rows.map((r) => [r.line, r.value, Boolean(r.problem)])).toEqual([
        [1, { a: 1 }, false],
        [3, undefined, true],
        [4, { a: 'x\ny' }, false],
        [5, [1], false],
      ]);
    }
  });
});

describe('the JSON array reader', () => {
  const text = `[
  {"title": "brackets ] and } in a string", "n": [1, {"deep": "]"}]},
  {"title": "escaped \\" quote and backslash \\\\", "t": "x"},
  42,
  "text",
  {"title":
    "starts on line 6"}
]
`;
  it('splits the array into its elements with their line numbers, however it is chunked', async () => {
    for (const sizes of [[1 << 20], [1], [2], [5, 3], [17]]) {
      const rows: JsonRow[] = await collect(readJsonArrayRows(chunked(text, sizes), 'x.json'));
      expect(rows.map((r) => [r.line, r.value])).toEqual([
        [2, { title: 'brackets ] and } in a string', n: [1, { deep: ']' }] }],
        [3, { title: 'escaped " quote and backslash \\', t: 'x' }],
        [4, 42],
        [5, 'text'],
        [6, { title: 'starts on line 6' }],
      ]);
    }
  });

  it('reports an element that is not valid JSON as a bad row and goes on', async () => {
    const rows = await collect(readJsonArrayRows(chunked('[{"a": 1,}, {"b": 2}]', [4]), 'x.json'));
    expect(rows.map((r) => [r.value, Boolean(r.problem)])).toEqual([
      [undefined, true],
      [{ b: 2 }, false],
    ]);
  });

  it.each([
    ['{"a": 1}', 'x.json:1: expected a JSON array ([) of tickets, found "{"'],
    ['[{"a": 1}', 'x.json:1: the JSON array is never closed (])'],
    ['[{"a": "open string}]', 'x.json:1: the JSON array is never closed (])'],
    ['[] []', 'x.json:1: unexpected "[" after the end of the array'],
    ['', 'x.json:1: empty input: expected a JSON array of tickets'],
  ])('stops on %j', async (input, message) => {
    await expect(collect(readJsonArrayRows(chunked(input, [3]), 'x.json'))).rejects.toThrow(message);
  });
});

describe('a source read twice (the two passes of an import)', () => {
  const text = async (chunks: AsyncIterable<string>) => {
    let all = '';
    for await (const chunk of chunks) all += chunk;
    return all;
  };

  it('gives a file again, and refuses one that changed in between', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-source-'));
    try {
      const path = join(dir, 'x.csv');
      writeFileSync(path, '\ufefftitle\nfirst\n');
      const source = openTextSource(path, 'utf8', Readable.from([]));
      expect(await text(source.chunks())).toBe('title\nfirst\n');
      expect(await text(source.again().chunks())).toBe('title\nfirst\n');
      appendFileSync(path, 'second\n');
      expect(() => source.again()).toThrow('x.csv changed while it was being checked: nothing was imported');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps what stdin gave, when asked, to read it again', async () => {
    const source = openTextSource('-', 'utf8', Readable.from([Buffer.from('title\n'), Buffer.from('中文\n')]), true);
    expect(await text(source.chunks())).toBe('title\n中文\n');
    expect(await text(source.again().chunks())).toBe('title\n中文\n');
  });

  it('names the line of the first byte that is not UTF-8', async () => {
    const source = openTextSource('-', 'utf8', Readable.from([Buffer.from('title\nok\n'), Buffer.from([0x61, 0x0a, 0xb9, 0xa4, 0x0a])]));
    await expect(text(source.chunks())).rejects.toThrow('stdin:4: not valid UTF-8 (byte 0xB9)');
  });
});
