import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/**
 * Replies are serialised by fast-json-stringify, compiled once per route from the JSON Schema of the
 * zod reply contract (the same schema the OpenAPI document shows). Properties the contract does not
 * name are never sent. With `isValidating` (the tests), each reply is also checked against the zod
 * contract first, so a reply that drifts from its contract fails loudly instead of being coerced.
 */
export function replySerializerCompiler(isValidating: boolean) {
  return ({ schema }: { schema: unknown }) => {
    const contract = schema as z.ZodType;
    const jsonSchema = z.toJSONSchema(contract, { target: 'draft-7', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
    delete jsonSchema.$schema;
    const stringify = fastJson(jsonSchema as unknown as Parameters<typeof fastJson>[0]);
    if (!isValidating) return (data: unknown) => stringify(data);
    return (data: unknown) => {
      const checked = contract.safeParse(data);
      if (!checked.success) throw Object.assign(new Error('response did not match its contract'), { replyIssues: checked.error.issues, isReplyContractError: true });
      return stringify(data);
    };
  };
}
