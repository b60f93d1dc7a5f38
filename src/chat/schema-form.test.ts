import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { searchKnowledgeBaseInput } from '../shared/tools/search-knowledge-base';
import { emptyValues, fieldsOf, inputFrom, optionValue } from './schema-form';

const mcpLike = {
  type: 'object',
  properties: {
    a: { type: 'number', description: 'First number' },
    b: { type: 'number' },
    count: { type: 'integer', default: 3 },
    verbose: { type: 'boolean' },
    level: { enum: ['low', 'high', 2] },
    tags: { type: 'array', items: { type: 'string' } },
    note: { type: ['string', 'null'] },
    either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
  },
  required: ['a', 'b'],
};

describe('schema form', () => {
  it('turns each property into a field of its kind, required marked', () => {
    expect(fieldsOf(mcpLike)).toEqual([
      { name: 'a', kind: 'number', required: true, description: 'First number' },
      { name: 'b', kind: 'number', required: true },
      { name: 'count', kind: 'integer', required: false, placeholder: '3' },
      { name: 'verbose', kind: 'boolean', required: false },
      { name: 'level', kind: 'enum', required: false, options: ['low', 'high', 2] },
      { name: 'tags', kind: 'json', required: false },
      { name: 'note', kind: 'string', required: false },
      { name: 'either', kind: 'json', required: false },
    ]);
  });

  it('reads a built-in tool schema as the proxy lists it', () => {
    const fields = fieldsOf(z.toJSONSchema(searchKnowledgeBaseInput, { io: 'input' }));
    expect(fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ['source', 'enum', true],
      ['query', 'string', true],
      ['limit', 'integer', false],
    ]);
  });

  it('builds the input, leaving out empty optional fields and keeping value types', () => {
    const fields = fieldsOf(mcpLike);
    const values = {
      ...emptyValues(fields),
      a: '2',
      b: '3.5',
      verbose: 'true',
      level: optionValue(2),
      tags: '["x", "y"]',
    };
    expect(inputFrom(fields, values)).toEqual({
      ok: true,
      input: { a: 2, b: 3.5, verbose: true, level: 2, tags: ['x', 'y'] },
    });
  });

  it('says what is wrong with each field that cannot be read', () => {
    const fields = fieldsOf(mcpLike);
    const result = inputFrom(fields, { a: 'two', count: '1.5', tags: '[oops', level: '"nope"' });
    expect(result).toEqual({
      ok: false,
      errors: {
        a: 'Enter a number.',
        b: 'Required.',
        count: 'Enter a whole number.',
        tags: expect.stringMatching(/valid JSON/),
        level: 'Choose one of the options.',
      },
    });
  });

  it('gives no fields for a schema it cannot read', () => {
    expect(fieldsOf(null)).toEqual([]);
    expect(fieldsOf({ type: 'object' })).toEqual([]);
  });
});
