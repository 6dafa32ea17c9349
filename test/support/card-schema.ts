import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

// The Adaptive Card 1.5 schema (a copy of ../shared/schemas/, kept in the repo so any clone can run
// the tests; test/card-schema-copy.test.ts checks the copy is the same), compiled once. It is a draft-06
// schema that still names itself with the old `id` keyword, which ajv 8 wants as `$id`.
export const SCHEMA_PATH = join(import.meta.dirname, '..', 'fixtures', 'adaptive-card-1.5.0.schema.json');
const schemaPath = SCHEMA_PATH;
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
schema.$id = schema.id;
delete schema.id;

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addMetaSchema(draft6);
const validate = ajv.compile(schema);

/** The schema errors of a card (empty when valid), plus Teams' own limit: version 1.5 at most. */
export function cardSchemaErrors(card: unknown): string[] {
  const errors: string[] = [];
  if (!validate(card)) errors.push(...(validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`));
  const version = (card as { version?: string }).version;
  if (version !== '1.5') errors.push(`version ${version}: Teams renders 1.5`);
  if (JSON.stringify(card).includes('${')) errors.push('an unbound ${…} is left in the card');
  return errors;
}
