/** RFC 7807 Problem Details as every JinGong service answers a refusal; validation adds `errors` by field. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}

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
 * (`customer`) or through an item of a list (`lines[0].model` → `model`, the form filing one line); names are compared
 * without regard to case, as ASP.NET may capitalise them.
 */
export function formErrors(errors: Record<string, string[]> | undefined, formFields: readonly string[]): FormErrors {
  const result: FormErrors = { fields: {}, unmapped: [] };
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const field = formFields.find((name) => name.toLowerCase() === formFieldOf(key).toLowerCase());
    if (field) {
      result.fields[field] = [...(result.fields[field] ?? []), ...messages];
    } else {
      result.unmapped.push(...messages.map((message) => `${key}: ${message}`));
    }
  }
  return result;
}

function formFieldOf(apiField: string): string {
  const item = /^\w+\[0\]\.(\w+)$/.exec(apiField);
  return item?.[1] ?? apiField;
}
