import type { components } from './generated/fleet';

/** RFC 7807 Problem Details as every JinGong service answers a refusal; validation adds `errors` by field (the same schema in every document). */
export type ProblemDetails = components['schemas']['HttpValidationProblemDetails'];

/** The last segment of a problem's type, e.g. `outside-your-region` of `https://jingong.dev/problems/outside-your-region`. */
export function problemKind(problem: ProblemDetails): string | undefined {
  return problem.type?.split('/').pop() || undefined;
}

export interface FormErrors {
  /** Messages by the form's field name. */
  fields: Record<string, string[]>;
  /** Messages of API fields the form has no input for, each prefixed with that field. */
  unmapped: string[];
}

/**
 * Puts a validation problem's messages on a form's inputs. An API field names a form field either as it is
 * (`customer`) or through an item of a list: `lines[2].unitPrice` → `unitPrice-2` (a form with an input per line),
 * or `lines[0].model` → `model` (a form filing one line); names are compared without regard to case, as ASP.NET may
 * capitalise them.
 */
export function formErrors(errors: Record<string, string[]> | undefined, formFields: readonly string[]): FormErrors {
  const result: FormErrors = { fields: {}, unmapped: [] };
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const candidates = formFieldsOf(key).map((name) => name.toLowerCase());
    const field = candidates.map((candidate) => formFields.find((name) => name.toLowerCase() === candidate)).find(Boolean);
    if (field) {
      result.fields[field] = [...(result.fields[field] ?? []), ...messages];
    } else {
      result.unmapped.push(...messages.map((message) => `${key}: ${message}`));
    }
  }
  return result;
}

function formFieldsOf(apiField: string): string[] {
  const item = /^\w+\[(\d+)\]\.(\w+)$/.exec(apiField);
  if (!item) {
    return [apiField];
  }
  const [, index = '0', name = apiField] = item;
  return index === '0' ? [`${name}-0`, name] : [`${name}-${index}`];
}
