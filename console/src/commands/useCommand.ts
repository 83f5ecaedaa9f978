import { useRef, useState } from 'react';
import { ApiError } from '../api/http';
import { ActionKeys } from '../api/idempotency';
import { formErrors, type FormErrors } from '../api/problem';

export interface CommandState {
  sending: boolean;
  /** The API's validation messages, on the fields they name. */
  errors: FormErrors;
  /** A refusal without field errors (403, 409, 412, 503 …), shown whole. */
  refusal?: ApiError;
}

/** How a press ended: the API's answer, its refusal, or nothing sent (another send of the form was under way). */
export type Outcome<TAnswer> = { answer: TAnswer } | { refusal: ApiError } | undefined;

const idle: CommandState = { sending: false, errors: { fields: {}, unmapped: [] } };

/**
 * One user action sent to the API: one `Idempotency-Key` per action (pressing again after an answer that never came
 * does it once), one send at a time (a double click sends once), and the API's answer or refusal to show.
 * `fields` are the form's names that the API's field errors are put on.
 */
export function useCommand<TInput, TAnswer>(send: (input: TInput, idempotencyKey: string) => Promise<TAnswer>, fields: readonly string[]) {
  const actions = useRef(new ActionKeys());
  const inFlight = useRef(false);
  const [state, setState] = useState<CommandState>(idle);

  const run = async (input: TInput): Promise<Outcome<TAnswer>> => {
    if (inFlight.current) {
      return undefined;
    }
    inFlight.current = true;
    setState({ ...idle, sending: true });
    try {
      const answer = await send(input, actions.current.keyFor(input));
      actions.current.answered();
      setState(idle);
      return { answer };
    } catch (error) {
      const refused = error instanceof ApiError ? error : new ApiError(0, { title: String(error) });
      // A refusal is an answer; only a lost one (no answer, 502–504) keeps the action's key for the next press.
      if (refused.status !== 0 && (refused.status < 502 || refused.status > 504)) {
        actions.current.answered();
      }
      setState({ sending: false, errors: formErrors(refused.problem.errors, fields), refusal: refused.problem.errors ? undefined : refused });
      return { refusal: refused };
    } finally {
      inFlight.current = false;
    }
  };

  return { ...state, run };
}
