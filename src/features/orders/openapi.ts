import { z } from 'zod';
import { translator, type MessageKey, type Params } from '../../platform/views/i18n.ts';
import { ApiErrorResponse, FirstOrderResponse, TariffListResponse } from './api.schemas.ts';
import { FirstOrderInput } from './order.forms.ts';

/**
 * The OpenAPI 3.1 document of the JSON API, served at /api/v1/openapi.json. Its schemas are
 * generated from the zod schemas that validate the requests (and describe the answers), so the
 * document cannot say something the server does not check; test/openapi.test.ts holds it to the
 * route table and to its own examples.
 */

type OrderField = keyof z.input<typeof FirstOrderInput>;

/** One line per field of an order; the type makes a field without a description a compile error. */
const ORDER_FIELD_DESCRIPTIONS: Record<OrderField, string> = {
  tariff: 'Tariff code (GET /api/v1/tariffs).',
  domains: 'The contract’s domains, Unicode or punycode; none may belong to another contract.',
  email: 'The customer’s e-mail address (their login besides the customer number).',
  customerNumber: 'An existing customer’s number: the contract goes to them, and `email` must be theirs. Without it a new customer is created.',
  acceptConfusableDomains: 'The explicit yes to domains that mix scripts or look like another domain (see 422 `confirmation_required`).',
  salutation: 'Master data (optional, like every field below): `mr`, `ms`, `diverse`, or empty for none.',
  firstName: 'Master data: first name.',
  lastName: 'Master data: last name.',
  company: 'Master data: company.',
  street: 'Master data: street and house number.',
  postcode: 'Master data: postcode (letters, digits, spaces, hyphens).',
  city: 'Master data: city.',
  country: 'Master data: country, ISO 3166-1 alpha-2 from the list (default DE).',
  phone: 'Master data: phone number (digits, spaces and + ( ) / . -).',
  language: 'The customer’s language for the customer area and mail (default de).',
};

const MASTER_DATA_NOTE =
  'Master data given here is stored on a new customer, who confirms it (or corrects it) on "Stammdaten bestätigen" at the first login instead of typing it. ' +
  'Every field is optional; a field that is given must be valid, with the rules of the Stammdaten form, or nothing is created and the answer is 422 with the field named. ' +
  'For an existing customer (`customerNumber`) a given field must equal their stored master data (only the customer changes it): a field that differs is refused with 422.';

/** A JSON Schema of a zod schema, without `$schema` (OpenAPI 3.1 schemas are JSON Schema 2020-12). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
}

function orderRequestSchema() {
  const schema = jsonSchema(FirstOrderInput, 'input') as { properties: Record<string, Record<string, unknown>> };
  for (const [field, description] of Object.entries(ORDER_FIELD_DESCRIPTIONS)) schema.properties[field] = { ...schema.properties[field], description };
  return { ...schema, description: MASTER_DATA_NOTE };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const ORDER_EXAMPLES = {
  minimal: {
    summary: 'Only the e-mail address: the customer types their master data at the first login',
    value: { tariff: 'mail-s', domains: ['beispiel.de'], email: 'info@beispiel.de' },
  },
  withMasterData: {
    summary: 'With the master data the shop knows: the customer only confirms it',
    value: {
      tariff: 'web-plus',
      domains: ['mustermann-shop.de', 'mustermann-shop.com'],
      email: 'erika@mustermann-shop.de',
      salutation: 'ms',
      firstName: 'Erika',
      lastName: 'Mustermann',
      company: 'Mustermann GmbH',
      street: 'Heidestraße 17',
      postcode: '51147',
      city: 'Köln',
      country: 'DE',
      phone: '+49 221 1234567',
      language: 'de',
    },
  },
} satisfies Record<string, { summary: string; value: z.input<typeof FirstOrderInput> }>;

/** The document, with error examples in English (the API answers in the language of Accept-Language). */
export function buildOpenApiDocument(): Record<string, unknown> {
  const t = translator('en');
  const error = (code: z.infer<typeof ApiErrorResponse>['error']['code'], key: MessageKey, params?: Params, fields: Record<string, [MessageKey, Params?]> = {}) => ({
    error: { code, message: t(key, params), fields: Object.fromEntries(Object.entries(fields).map(([field, [fieldKey, fieldParams]]) => [field, t(fieldKey, fieldParams)])) },
  });
  const errorResponse = (description: string, examples: Record<string, { summary: string; value: unknown }>) => ({
    description,
    content: { 'application/json': { schema: ref('Error'), examples } },
  });
  const unauthorized = errorResponse('The bearer token is missing, unknown or revoked.', { missingToken: { summary: 'No valid token', value: error('unauthorized', 'api.unauthorized') } });
  const rateLimited = errorResponse('Too many requests from this address; try again later.', { rateLimited: { summary: 'Rate limit', value: error('rate_limited', 'error.tooManyRequests') } });

  return {
    openapi: '3.1.0',
    info: {
      title: 'Hostdesk JSON API',
      version: '1',
      description:
        'Orders (Erstbestellung) and the tariff catalog for a shop or billing system. Every route but this document needs `Authorization: Bearer hd_…`: ' +
        'admins create tokens in the back office (/staff/api-tokens). Requests and answers are JSON; messages follow Accept-Language (de, en). ' +
        'Errors always have the shape `{"error": {"code", "message", "fields"}}`. Generated passwords appear once, in the answer, and are stored only as hashes.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { apiToken: { type: 'http', scheme: 'bearer', description: 'An API token (`hd_…`) from /staff/api-tokens.' } },
      schemas: {
        FirstOrderRequest: orderRequestSchema(),
        FirstOrderResult: jsonSchema(FirstOrderResponse, 'output'),
        TariffList: jsonSchema(TariffListResponse, 'output'),
        Error: jsonSchema(ApiErrorResponse, 'output'),
      },
    },
    paths: {
      '/api/v1/orders': {
        post: {
          operationId: 'placeFirstOrder',
          summary: 'Place a first order (Erstbestellung)',
          description:
            'Creates the customer (unless `customerNumber` names an existing one), the contract with its tariff and domains and, for tariffs without Plesk, mailbox `<contract>.001`, in one transaction: ' +
            'an error creates nothing. ' +
            MASTER_DATA_NOTE,
          security: [{ apiToken: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('FirstOrderRequest'), examples: ORDER_EXAMPLES } } },
          responses: {
            '201': {
              description: 'Placed. The answer holds the generated passwords, once (sent with Cache-Control: no-store).',
              content: {
                'application/json': {
                  schema: ref('FirstOrderResult'),
                  examples: {
                    mailTariff: {
                      summary: 'A new customer with a mail tariff',
                      value: { customerNumber: '10007', customerPassword: 'hT4p-Wq9z-Lm2x-Rk', contractNumber: '500012', domains: ['beispiel.de'], mailAccount: { name: '500012.001', password: 'Zu8r-Pq3n-Vb6t-Ke' } },
                    },
                  },
                },
              },
            },
            '400': errorResponse('The body is not well-formed JSON.', { malformed: { summary: 'Broken JSON', value: error('bad_request', 'error.badRequest') } }),
            '401': unauthorized,
            '409': errorResponse('A domain belongs to another contract, or the e-mail address to an existing customer whose number the order did not give.', {
              emailTaken: { summary: 'E-mail address of an existing customer', value: error('conflict', 'customer.emailTaken', { hint: 'info@beispiel.de' }, { email: ['customer.emailTaken', { hint: 'info@beispiel.de' }] }) },
            }),
            '415': errorResponse('The body is not `application/json`.', { notJson: { summary: 'Form-encoded body', value: error('unsupported_media_type', 'error.unsupportedMediaType') } }),
            '422': errorResponse('Invalid input (`validation`, a message per field), or domains that need the explicit yes (`confirmation_required`). Nothing was created.', {
              invalidMasterData: {
                summary: 'Invalid master data',
                value: error('validation', 'common.formErrors', undefined, { postcode: ['common.invalid'], country: ['common.invalid'], firstName: ['common.tooLong', { max: 100 }] }),
              },
              unknownTariff: { summary: 'Unknown tariff', value: error('validation', 'tariff.unknown', { code: 'gold' }, { tariff: ['tariff.unknown', { code: 'gold' }] }) },
              lookalike: {
                summary: 'A domain that looks like another: send again with "acceptConfusableDomains": true if it is meant',
                value: error('confirmation_required', 'order.lookalikesNeedConfirmation', { domains: 'pаypal.de (xn--pypal-4ve.de)' }, {
                  domains: ['domain.mixedScripts', { domain: 'pаypal.de', ascii: 'xn--pypal-4ve.de', scripts: 'Latin, Cyrillic' }],
                  acceptConfusableDomains: ['order.confirmLookalikesRequired'],
                }),
              },
            }),
            '429': rateLimited,
          },
        },
      },
      '/api/v1/tariffs': {
        get: {
          operationId: 'listTariffs',
          summary: 'List the tariffs an order can name',
          security: [{ apiToken: [] }],
          responses: {
            '200': {
              description: 'The catalog.',
              content: {
                'application/json': {
                  schema: ref('TariffList'),
                  examples: {
                    catalog: {
                      summary: 'Two tariffs',
                      value: {
                        tariffs: [
                          { code: 'mail-s', name: 'Mail S', panel: 'mailadmin', pleskVersion: null },
                          { code: 'web-plus', name: 'Webhosting Plus', panel: 'plesk', pleskVersion: '10.4' },
                        ],
                      },
                    },
                  },
                },
              },
            },
            '401': unauthorized,
            '429': rateLimited,
          },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          description: 'Public, like any published API description: it holds no data, only the shape of the API.',
          security: [],
          responses: {
            '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } },
            '429': rateLimited,
          },
        },
      },
    },
  };
}
