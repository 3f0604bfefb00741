import fc from 'fast-check';

/** The part of JSON Schema (as the zod contracts produce it in the OpenAPI document) the fuzzer reads. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

/** Known-good values by field name (ids that exist in the world), mixed into generated ones. */
export type Hints = Readonly<Record<string, readonly unknown[]>>;

/** Generated valid strings stay short so a run spends its time on requests, not on payload size. */
const maxGeneratedLength = 120;
const intLimit = 1_000_000_000;

/** Values at the edges of a format, which random generation rarely reaches. */
const edgeValues: Record<string, readonly string[]> = {
  date: ['0000-01-01', '0000-02-29', '0001-01-01', '1899-12-31', '1900-01-01', '1970-01-01', '2000-02-29', '2999-12-31', '9999-12-31'],
  uuid: ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
};

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Number.MAX_SAFE_INTEGER;
  if (schema.pattern) {
    const matching = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
    const edges = edgeValues[schema.format ?? ''];
    return edges ? fc.oneof(matching, fc.constantFrom(...edges)) : matching;
  }
  const cap = Math.max(min, Math.min(max, maxGeneratedLength));
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: cap }) },
    { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: cap, unit: 'grapheme' }) },
  );
}

function numberArbitrary(schema: JsonSchema, isInteger: boolean): fc.Arbitrary<number> {
  const min = Math.max(schema.minimum ?? -intLimit, -intLimit);
  const max = Math.min(schema.maximum ?? intLimit, intLimit);
  if (isInteger) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectArbitrary(schema: JsonSchema, hints: Hints): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties)) model[key] = valueArbitrary(property, key, hints);
  const required = (schema.required ?? []).filter((key) => key in properties);
  return fc.record(model, { requiredKeys: required });
}

function typedArbitrary(type: string, schema: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? valueArbitrary(schema.items, '', hints) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'object':
      return objectArbitrary(schema, hints);
    default:
      return fc.jsonValue();
  }
}

/**
 * Values that satisfy a JSON Schema (as far as JSON Schema can say: zod refinements such as "a
 * justification when not applicable" may still refuse them). A field with hints gets a known value
 * half of the time.
 */
export function valueArbitrary(schema: JsonSchema, name: string, hints: Hints): fc.Arbitrary<unknown> {
  const generated = schemaArbitrary(schema, hints);
  const known = hints[name];
  if (!known || known.length === 0) return generated;
  return fc.oneof(fc.constantFrom(...known), generated);
}

function schemaArbitrary(schema: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices && choices.length > 0) return fc.oneof(...choices.map((choice) => schemaArbitrary(choice, hints)));
  if (schema.allOf && schema.allOf.length > 0) return schemaArbitrary(Object.assign({}, ...schema.allOf) as JsonSchema, hints);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => typedArbitrary(type, schema, hints)));
  if (schema.type) return typedArbitrary(schema.type, schema, hints);
  if (schema.properties) return objectArbitrary(schema, hints);
  return fc.jsonValue();
}
