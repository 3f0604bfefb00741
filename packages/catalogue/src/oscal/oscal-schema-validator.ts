/**
 * Test support: validates a document against NIST's OSCAL 1.1.3 "complete" JSON schema (bundled in
 * data/oscal) with ajv 8 in draft-07 mode. Only tests import this file, so ajv is a dev dependency.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const OSCAL_SCHEMA_FILE_URL = new URL('../../data/oscal/oscal_complete_schema-1.1.3.json', import.meta.url);

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled !== undefined) return compiled;
  const schema: unknown = JSON.parse(readFileSync(OSCAL_SCHEMA_FILE_URL, 'utf8'));
  if (typeof schema !== 'object' || schema === null) throw new Error('the OSCAL schema file is not a JSON object');
  // strict: false because NIST's schema uses keywords ajv's strict mode flags; unicodeRegExp stays on (\p{L}).
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true });
  addFormats(ajv);
  compiled = ajv.compile(schema);
  return compiled;
}

/** Schema errors of an OSCAL document as "path: message" lines; empty when it is valid. */
export function oscalSchemaErrors(document: unknown): string[] {
  const validate = validator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'}: ${e.message ?? e.keyword}`);
}
