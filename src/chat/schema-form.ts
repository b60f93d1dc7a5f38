import { z } from 'zod';

/**
 * Turns a tool's JSON Schema (as `GET /api/tools` lists it, built-in or MCP) into form fields,
 * and the form's text back into the tool's input. Pure, so the tools panel stays a thin view.
 * Scalars get their own control; anything richer (arrays, objects, unions) is edited as JSON.
 */

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';

export type FormField = {
  name: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  /** For `enum`: the allowed values, in schema order. */
  options?: unknown[];
  /** A hint for the empty input (the schema's default or example, as text). */
  placeholder?: string;
};

/** What the user typed, by field name: text for every kind (booleans are "", "true" or "false"). */
export type FieldValues = Record<string, string>;

const propertySchema = z
  .object({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    enum: z.array(z.unknown()).optional(),
    const: z.unknown().optional(),
    description: z.string().optional(),
    default: z.unknown().optional(),
    examples: z.array(z.unknown()).optional(),
  })
  .loose();

const objectSchema = z
  .object({
    properties: z.record(z.string(), z.unknown()).optional(),
    required: z.array(z.string()).optional(),
  })
  .loose();

function kindOf(property: z.infer<typeof propertySchema>): FieldKind {
  if (property.enum && property.enum.length > 0) return 'enum';
  const types = (Array.isArray(property.type) ? property.type : [property.type]).filter(
    (type) => type !== undefined && type !== 'null',
  );
  if (types.length !== 1) return 'json';
  switch (types[0]) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    default:
      return 'json';
  }
}

function hintOf(property: z.infer<typeof propertySchema>): string | undefined {
  const sample = property.default ?? property.examples?.[0];
  if (sample === undefined) return undefined;
  return typeof sample === 'string' ? sample : JSON.stringify(sample);
}

/** The fields of an object schema, in property order; a schema it cannot read gives none. */
export function fieldsOf(schema: unknown): FormField[] {
  const parsed = objectSchema.safeParse(schema);
  if (!parsed.success) return [];
  const required = new Set(parsed.data.required ?? []);
  return Object.entries(parsed.data.properties ?? {}).map(([name, raw]) => {
    const property = propertySchema.safeParse(raw);
    const data = property.success ? property.data : {};
    const kind = kindOf(data);
    const placeholder = hintOf(data);
    return {
      name,
      kind,
      required: required.has(name),
      ...(data.description ? { description: data.description } : {}),
      ...(kind === 'enum' ? { options: data.enum } : {}),
      ...(placeholder !== undefined ? { placeholder } : {}),
    };
  });
}

/** Empty text for every field: optional fields left empty are left out of the input. */
export function emptyValues(fields: FormField[]): FieldValues {
  return Object.fromEntries(fields.map((field) => [field.name, '']));
}

/** How an enum option is stored in the form (its JSON, so numbers and strings stay apart). */
export function optionValue(option: unknown): string {
  return JSON.stringify(option) ?? 'null';
}

function readField(field: FormField, text: string): { value: unknown } | { error: string } {
  switch (field.kind) {
    case 'string':
      return { value: text };
    case 'number':
    case 'integer': {
      const value = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(value)) return { error: 'Enter a number.' };
      if (field.kind === 'integer' && !Number.isInteger(value))
        return { error: 'Enter a whole number.' };
      return { value };
    }
    case 'boolean':
      return text === 'true' || text === 'false'
        ? { value: text === 'true' }
        : { error: 'Choose true or false.' };
    case 'enum': {
      const option = field.options?.find((candidate) => optionValue(candidate) === text);
      return option === undefined ? { error: 'Choose one of the options.' } : { value: option };
    }
    case 'json':
      try {
        return { value: JSON.parse(text) };
      } catch {
        return { error: 'Enter valid JSON (for example [1, 2] or {"key": "value"}).' };
      }
  }
}

export type FormResult =
  | { ok: true; input: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

/** The tool input the form describes, or a message per field that cannot be read. */
export function inputFrom(fields: FormField[], values: FieldValues): FormResult {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const text = values[field.name] ?? '';
    if (text === '') {
      if (field.required) errors[field.name] = 'Required.';
      continue;
    }
    const read = readField(field, text);
    if ('error' in read) errors[field.name] = read.error;
    else input[field.name] = read.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}
