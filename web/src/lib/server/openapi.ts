import { z } from 'zod';
import {
  addCreators,
  feeSchema,
  newCreatorSchema,
  paymentFieldsSchema,
  paymentTermsSchema,
  STATUS_GROUPS,
} from '@roster/shared';
import { boardQuerySchema } from './apiBoardQuery';
import { creatorPatchSchema } from './apiCreatorPatch';

/**
 * The OpenAPI 3.1 document of /api/v1, built from the same zod schemas the endpoints validate
 * with, so it cannot drift from them. Served at /api/v1/openapi.json and shown at /api/v1/docs.
 */

const schema = (type: z.ZodType) =>
  z.toJSONSchema(type, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

const error = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable, for programs: forbidden, board_not_found, invalid_input, …' },
        message: { type: 'string', description: 'A sentence for people.' },
        field: { type: 'string', description: 'The input field the problem is about, when there is one.' },
      },
    },
  },
};

const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: ERROR_MEANINGS[status] ?? 'Refused',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );

const ERROR_MEANINGS: Record<number, string> = {
  400: 'The input is not valid (the message says which field and why).',
  401: 'No token, or an unknown, revoked or expired one.',
  403: 'The token may not do this (a read token writing).',
  404: 'No such board or creator in the token’s workspace.',
  409: 'The change was refused by the board (an archived status, say), or a request with this Idempotency-Key is still running.',
  413: 'The body is larger than BODY_SIZE_LIMIT.',
  422: 'This Idempotency-Key was used for a different request.',
  429: 'Too many requests with this token; retry after the Retry-After seconds.',
};

const nullable = (type: unknown) => ({ anyOf: [type, { type: 'null' }] });
const day = (description: string) => ({ type: 'string', format: 'date', description });
const propertiesOf = (type: z.ZodType) => (schema(type) as { properties: Record<string, unknown> }).properties;

/** One ledger entry as GET answers it: what was recorded, and its due date worked out. */
const payment = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    ...propertiesOf(paymentFieldsSchema),
    installment: nullable({ type: 'integer', description: 'The terms’ installment it was scheduled from.' }),
    createdAt: { type: 'number', description: 'When it was recorded (ms since 1970).' },
    due: nullable(day('`dueDate`, or the installment’s trigger date + net days once the trigger happened.')),
    dueLabel: nullable({
      type: 'string',
      description: 'What a due date still unknown waits for ("30 days after posting").',
    }),
  },
};

/**
 * A creator as the API reads it (readBoard): the profile, the statuses as the card shows them,
 * the deal, content and payments. Every key GET answers with is listed (httpApi.test.ts checks).
 */
const creator = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    ...propertiesOf(newCreatorSchema),
    statuses: {
      type: 'object',
      description: 'A status id per group (GET /boards/{boardId} lists the statuses).',
      properties: Object.fromEntries(STATUS_GROUPS.map((group) => [group, { type: 'string' }])),
    },
    rank: { type: 'string', description: 'Fractional index within its column.' },
    assignee: nullable({ type: 'string', description: 'The assigned member’s id.' }),
    tags: { type: 'array', items: { type: 'string' } },
    fee: nullable(schema(feeSchema)),
    deal: { type: 'object', description: 'Deliverables, usage rights, exclusivity and the contract.' },
    content: { type: 'object', description: 'Drafts per deliverable, their versions and comments.' },
    removed: { type: 'boolean', description: 'In the board’s “Removed” list.' },
    createdAt: { type: 'number', description: 'ms since 1970' },
    payments: {
      type: 'object',
      description:
        'The payment terms and ledger. The Payment status (`statuses.payment`) follows the ledger unless someone set it by hand (`override`).',
      properties: {
        terms: nullable(schema(paymentTermsSchema)),
        ledger: { type: 'array', items: payment, description: 'By due date (unknown last).' },
        override: nullable({
          type: 'object',
          description: 'The Payment status set by hand, by whom and when.',
          properties: { statusId: { type: 'string' }, by: { type: 'string' }, at: { type: 'number' } },
        }),
        triggers: {
          type: 'object',
          description: 'The dates installments count from.',
          properties: {
            signing: nullable(day('The contract’s signing date.')),
            posting: nullable(day('The first post’s date.')),
          },
        },
        progress: nullable({
          type: 'object',
          description: 'Paid vs owed in one currency (the fee’s); payments in others are counted apart.',
          properties: {
            currency: { type: 'string' },
            paid: { type: 'number' },
            total: { type: 'number' },
            otherCurrencies: { type: 'integer' },
          },
        }),
        computedStatusId: nullable({
          type: 'string',
          description: 'The status the ledger says; null with no payments.',
        }),
      },
    },
    conversation: { type: 'array', description: 'The outreach conversation, newest first; absent when empty.' },
  },
};
const creatorRef = { $ref: '#/components/schemas/Creator' };

const json = (body: unknown) => ({ 'application/json': { schema: body } });
const boardId = { name: 'boardId', in: 'path', required: true, schema: { type: 'string' } };
const creatorId = { name: 'creatorId', in: 'path', required: true, schema: { type: 'string' } };
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Any 1–200 visible ASCII characters; a retry with the same key and body gets the first answer again.',
  schema: { type: 'string' },
};

function queryParameters(type: z.ZodObject) {
  const described = schema(type) as { properties: Record<string, Record<string, unknown>> };
  return Object.entries(described.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    schema: property,
  }));
}

export function openApiDocument(origin: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Roster API',
      version: '1',
      description:
        'Boards and creators of one workspace. Make a token in the workspace settings and send it as ' +
        '`Authorization: Bearer roster_…`. Writes go through the same operations as the board in the ' +
        'browser: people with the board open see them at once, and they are stored before the answer. ' +
        'Every error is `{ "error": { "code", "message", "field?" } }`.',
    },
    servers: [{ url: `${origin}/api/v1` }],
    security: [{ token: [] }],
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'roster_… (an API token)' } },
      schemas: { Error: error, Creator: creator },
    },
    paths: {
      '/boards': {
        get: {
          summary: 'List the boards of the token’s workspace',
          responses: {
            '200': { description: '{ boards: [{ id, name, creatorCount, createdAt, lastActivityAt }] }' },
            ...errors(401, 429),
          },
        },
      },
      '/boards/{boardId}': {
        get: {
          summary: 'Read a board: its statuses and a page of its creators',
          parameters: [boardId, ...queryParameters(boardQuerySchema)],
          responses: {
            '200': {
              description: '{ board: { id, name, statuses }, creators: [...], total, nextCursor }',
              content: json({ type: 'object', properties: { creators: { type: 'array', items: creatorRef } } }),
            },
            ...errors(400, 401, 404, 429),
          },
        },
      },
      '/boards/{boardId}/creators': {
        post: {
          summary: 'Add creators (one already on the board by handle or profile URL is not added twice)',
          parameters: [boardId, idempotencyKey],
          requestBody: { required: true, content: json(schema(addCreators.input)) },
          responses: {
            '201': { description: '{ ids: [new creator ids], duplicates: [names not added] }' },
            ...errors(400, 401, 403, 404, 413, 422, 429),
          },
        },
      },
      '/boards/{boardId}/creators/{creatorId}': {
        get: {
          summary: 'Read one creator',
          parameters: [boardId, creatorId],
          responses: {
            '200': {
              description: '{ creator }',
              content: json({ type: 'object', properties: { creator: creatorRef } }),
            },
            ...errors(401, 404, 429),
          },
        },
        patch: {
          summary: 'Change a creator’s fields, statuses (by status id) and fee',
          parameters: [boardId, creatorId, idempotencyKey],
          requestBody: { required: true, content: json(schema(creatorPatchSchema)) },
          responses: {
            '200': {
              description: '{ creator } as it is now',
              content: json({ type: 'object', properties: { creator: creatorRef } }),
            },
            ...errors(400, 401, 403, 404, 409, 422, 429),
          },
        },
        delete: {
          summary: 'Remove a creator (restorable from the board’s “Removed” list)',
          parameters: [boardId, creatorId],
          responses: { '200': { description: '{}' }, ...errors(401, 403, 404, 429) },
        },
      },
      '/boards/{boardId}/activity': {
        get: {
          summary: 'Read the board’s history, newest first',
          parameters: [
            boardId,
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 2000 } },
          ],
          responses: {
            '200': { description: '{ activity: [{ id, at, actorName, kind, creatorName, … }] }' },
            ...errors(400, 401, 404, 429),
          },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
