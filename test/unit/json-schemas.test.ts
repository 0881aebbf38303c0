import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas } from '../../src/config/json-schemas.js';

const dir = join(import.meta.dirname, '..', '..', 'config', 'schema');

describe('published JSON Schemas', () => {
  it('match the schemas the desk validates with (run `npm run schemas` after changing them)', () => {
    const rendered = renderJsonSchemas();
    expect(readdirSync(dir).sort()).toEqual(Object.keys(rendered).sort());
    for (const [file, text] of Object.entries(rendered)) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(text);
  });

  it('are referenced by the example files for editors', () => {
    for (const name of ['desk', 'teams', 'routing', 'sla', 'quality']) {
      const text = readFileSync(join(dir, '..', `${name}.yaml`), 'utf8');
      expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=./schema/${name}.schema.json`);
    }
  });
});
