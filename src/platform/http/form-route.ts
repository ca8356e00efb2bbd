import type { FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';
import type { z } from 'zod';
import { DomainError, STATUS_OF, type FieldErrors } from '../errors.ts';
import type { FormState } from '../views/context.ts';
import { fieldErrors, formState } from './web.ts';

/**
 * One form, handled one way: the body is parsed with the form's zod schema, the work runs, and a
 * failure the user can fix (bad input, or a `validation`/`conflict` DomainError from the service)
 * re-renders the same form with every field's message, what was typed, and the status from the
 * one error table. Any other error is not the form's to render and goes to the error handler.
 */
export interface FormRoute<Schema extends z.ZodType, Target, Generic extends RouteGenericInterface> {
  schema: Schema;
  /**
   * What the form acts on, after the guards: ownership is checked here, before the body is read.
   * Null means the reply was already sent (a redirect to a login page).
   */
  load(request: FastifyRequest<Generic>, reply: FastifyReply): Promise<Target | null>;
  run(input: z.infer<Schema>, target: Target, request: FastifyRequest<Generic>, reply: FastifyReply): Promise<FastifyReply>;
  render(form: FormState, target: Target, request: FastifyRequest<Generic>, reply: FastifyReply, status: number): Promise<FastifyReply>;
}

/** The messages a DomainError carries, per field, or for the whole form when it names none. */
export function errorsOf(error: DomainError): FieldErrors {
  return Object.keys(error.fields).length > 0 ? error.fields : { form: { key: error.key, params: error.params } };
}

/** A DomainError the user can fix on the same form; anything else is not the form's to render. */
export function asFormError(error: unknown): DomainError | null {
  return error instanceof DomainError && (error.code === 'validation' || error.code === 'conflict') ? error : null;
}

export function formRoute<Schema extends z.ZodType, Target, Generic extends RouteGenericInterface = RouteGenericInterface>(
  route: FormRoute<Schema, Target, Generic>,
) {
  return async function handleForm(request: FastifyRequest<Generic>, reply: FastifyReply): Promise<FastifyReply> {
    const target = await route.load(request, reply);
    if (target === null) return reply;
    const parsed = route.schema.safeParse(request.body ?? {});
    if (!parsed.success) return route.render(formState(request.body, fieldErrors(parsed.error)), target, request, reply, STATUS_OF.validation);
    try {
      return await route.run(parsed.data, target, request, reply);
    } catch (error) {
      const formError = asFormError(error);
      if (!formError) throw error;
      return route.render(formState(request.body, errorsOf(formError)), target, request, reply, STATUS_OF[formError.code]);
    }
  };
}
