import { z } from 'zod';
import type { ErrorCode } from '../../platform/errors.ts';
import type { FirstOrderResult } from './order.service.ts';

/** What `POST /api/v1/orders` answers with 201: the same object the CLI prints with --json. */
export const FirstOrderResponse = z
  .object({
    customerNumber: z.string().describe('The customer number (from 10001); an existing one when the order named it.'),
    customerPassword: z.string().nullable().describe('The new customer’s generated login password, shown only in this answer; null for an existing customer.'),
    contractNumber: z.string().describe('The new contract’s number (from 500001).'),
    domains: z.array(z.string()).describe('The contract’s domains in Unicode form.'),
    mailAccount: z
      .object({ name: z.string().describe('`<contract>.001`'), password: z.string().describe('Its generated password, shown only in this answer.') })
      .strict()
      .nullable()
      .describe('Mailbox .001 of a tariff without Plesk (also the E-Mail-Administration login); null for Plesk tariffs.'),
  })
  .strict();

// The answer's schema and the service's type are one: a field added to either fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
void (true satisfies Same<z.infer<typeof FirstOrderResponse>, FirstOrderResult>);

/** What `GET /api/v1/tariffs` answers. */
export const TariffListResponse = z
  .object({
    tariffs: z.array(
      z
        .object({
          code: z.string().describe('The code an order names in `tariff`.'),
          name: z.string(),
          panel: z.enum(['plesk', 'mailadmin']).describe('`plesk`: a Plesk package; `mailadmin`: mail accounts in E-Mail-Administration.'),
          pleskVersion: z.string().nullable(),
        })
        .strict(),
    ),
  })
  .strict();

/** Every code the JSON API answers an error with: the services' and the framework's. */
const API_ERROR_CODES = [
  'validation',
  'confirmation_required',
  'conflict',
  'not_found',
  'forbidden',
  'unauthorized',
  'rate_limited',
  'bad_request',
  'unsupported_media_type',
  'internal',
] as const satisfies readonly (ErrorCode | 'bad_request' | 'unsupported_media_type' | 'internal')[];

/** The JSON API's one error shape (platform/http/errors.ts `sendApiError`). */
export const ApiErrorResponse = z
  .object({
    error: z
      .object({
        code: z.enum(API_ERROR_CODES).describe('Stable, for programs.'),
        message: z.string().describe('For people, in the language of Accept-Language (German or English).'),
        fields: z.record(z.string(), z.string()).describe('A message per request field that is wrong; empty when no single field is.'),
      })
      .strict(),
  })
  .strict();
