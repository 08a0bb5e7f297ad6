import path from 'node:path';
import { z } from 'zod';
import { SecretBox } from './outreach/secretBox.ts';

const port = z.coerce.number().int().min(0).max(65535);
const count = z.coerce.number().int().min(0);
const milliseconds = z.coerce.number().int().min(1);
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(
      z
        .url()
        .refine((value) => protocols.some((p) => value.startsWith(`${p}:`)), {
          message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
        })
        .optional(),
    )
    .optional();

/** Every environment variable Roster reads, with its default. Documented in README.md. */
export const configSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  /** Public URL of the app, e.g. https://roster.example.com. Empty: same-origin as the request. */
  ORIGIN: optionalUrl(['http', 'https']),
  /** PostgreSQL connection string. Empty: the embedded PostgreSQL under DATA_DIR. */
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Embedded PostgreSQL port (only without DATABASE_URL). 0 picks a free one. */
  EMBEDDED_PG_PORT: port.default(0),
  /** Redis URL; when set, several instances share live documents through Redis. */
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  /** Largest WebSocket message accepted, in bytes. */
  MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  /**
   * Quiet period before Hocuspocus' store hook considers a changed document for compaction, in ms.
   * 0 (the default): after every update. Edits are durable in the update log already and the hook
   * compacts only once the log has grown (COMPACT_MIN_LOG_BYTES), so running it at once costs
   * little; debouncing it cost more: Hocuspocus keeps a timer and a closure holding the update's
   * hook payload per document, replaced on every edit, so each lived about as long as the gap
   * between a board's edits and was promoted to the old generation (at 500 changes/s: 2.7 → 2.1 MB/s
   * promoted with 0, measured with `--trace-gc-nvp` in `pnpm bench`).
   */
  STORE_DEBOUNCE_MS: z.coerce.number().int().min(0).default(0),
  /**
   * The boards list's figures of an open board are written at most once per this many ms per
   * board, and when the board closes. 0: after every store (every edit with STORE_DEBOUNCE_MS=0),
   * a PostgreSQL transaction per edit. (The payment index is written only when payment cells
   * change, and then at once: PaymentIndexExtension.)
   */
  BOARD_INDEX_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
  /**
   * A board's preview (what its page shows before the board is loaded, built in a worker thread)
   * is rebuilt at most once per this many ms per board while it is edited, and when it closes.
   * 0: after every stored edit (each build reads the whole board: ~1.25 s at 20,000 creators).
   */
  PREVIEW_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  /**
   * Boards with fewer creators get no preview: they load in a moment anyway, and building one for
   * every small board being edited kept the preview worker on a whole core (500 boards edited at
   * once: ~17 builds a second).
   */
  PREVIEW_MIN_CREATORS: z.coerce.number().int().min(1).default(100),
  /** Longest a changed document waits for compaction, in ms. */
  STORE_MAX_DEBOUNCE_MS: z.coerce.number().int().min(0).default(60_000),
  /**
   * A changed document is compacted into its snapshot only once its update log holds this many
   * bytes, or 5% of the snapshot's size if that is more (see Compactor.ts).
   */
  COMPACT_MIN_LOG_BYTES: z.coerce.number().int().min(0).default(65_536),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /**
   * Slow clients (slowloris): an HTTP request, a WebSocket upgrade included, must send all its
   * headers within HTTP_HEADERS_TIMEOUT_MS and all of itself within HTTP_REQUEST_TIMEOUT_MS.
   */
  HTTP_HEADERS_TIMEOUT_MS: milliseconds.default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: milliseconds.default(60_000),
  /**
   * An upgrade must be answered, an accepted WebSocket must open a board, and a refused or closed
   * one must finish its close handshake within this time; otherwise its socket is dropped.
   */
  UPGRADE_TIMEOUT_MS: milliseconds.default(10_000),
  /**
   * Hocuspocus keeps what a socket sends for a document until that document is authenticated (and,
   * if refused, for as long as the socket lives). Beyond this many messages or bytes per socket,
   * the socket is closed (see connectionGuard.ts).
   */
  PENDING_MAX_MESSAGES: count.min(10).default(2_000),
  /**
   * Sign-out and password changes close their sessions' sockets at once (on every instance); an
   * expired session, or one ended where no event reaches the board server, is found within this
   * time: each instance asks the database about the sessions of its open sockets (one query).
   */
  SESSION_CHECK_INTERVAL_MS: milliseconds.default(60_000),
  PENDING_MAX_BYTES: count.min(1024).default(16 * 1024 * 1024),
  /**
   * Token buckets on what clients send, per connection and per user (all the user's sockets on
   * this instance). Each holds RATE_LIMIT_BURST_SECONDS of its rate, so a reconnect that sends
   * queued offline edits or one large import passes; a socket that runs one dry is closed with
   * 4429. 0: no limit.
   */
  CONNECTION_MESSAGES_PER_SECOND: count.default(100),
  CONNECTION_BYTES_PER_SECOND: count.default(1024 * 1024),
  USER_MESSAGES_PER_SECOND: count.default(200),
  USER_BYTES_PER_SECOND: count.default(2 * 1024 * 1024),
  RATE_LIMIT_BURST_SECONDS: z.coerce.number().positive().default(20),
  /** Webhooks: the first retry of a failed delivery waits this long, each next one twice as long (8 attempts). */
  WEBHOOK_RETRY_BASE_MS: milliseconds.default(30_000),
  /** Board history: a board that changed is snapshotted at most this often (ms). */
  SNAPSHOT_INTERVAL_MS: milliseconds.default(600_000),
  /** Board history: snapshots kept per board (older ones are deleted). */
  SNAPSHOT_KEEP: count.min(1).max(1000).default(50),
  /** Webhooks: how often each instance looks for deliveries that are due. */
  WEBHOOK_POLL_MS: milliseconds.default(1_000),
  /**
   * Files (contracts, content drafts): the largest upload accepted, in bytes. 100 MiB holds a
   * minute of 1080p phone video or any contract; larger uploads get 413 and a sentence.
   */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(5 * 1024 ** 3)
    .default(100 * 1024 * 1024),
  /** Files go to this S3-compatible bucket when set; otherwise under DATA_DIR/files. */
  S3_BUCKET: optionalText,
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** The bucket's endpoint for S3-compatible servers (MinIO, R2, …); empty: AWS S3 itself. */
  S3_ENDPOINT: optionalUrl(['http', 'https']),
  /** Keys of the bucket; empty: the AWS SDK's own chain (AWS_* variables, profile, instance role). */
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  /** Address the bucket as <endpoint>/<bucket> (MinIO and most S3-compatible servers need it). */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  /** Put every object under this key prefix, e.g. `roster/`. */
  S3_PREFIX: z.string().max(200).default(''),
  /** Public share-link pages and their API (/review, /accept, /api/links): requests per minute per address. */
  SHARE_LINK_REQUESTS_PER_MINUTE: count.min(1).default(120),
  /** Payments: how often the server looks for overdue payments (and sends `payment.overdue`). */
  PAYMENT_CHECK_INTERVAL_MS: milliseconds.default(900_000),
  /**
   * Outreach: the key that encrypts SMTP passwords in PostgreSQL (AES-256-GCM), 32 bytes as 64 hex
   * characters or base64. Unset: SMTP settings without a password only.
   */
  OUTREACH_SECRET_KEY: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || SecretBox.fromKeyText(value) !== null, {
      message: 'must be 32 bytes as 64 hex characters or base64 (openssl rand -hex 32)',
    }),
  /** Outreach: how often each instance looks for email to send when it has none queued (ms). */
  OUTREACH_POLL_MS: milliseconds.default(1_000),
  /** Outreach: the longest one email may take to hand to the SMTP server (ms). */
  OUTREACH_SEND_TIMEOUT_MS: milliseconds.min(1000).default(60_000),
});

/** Rules across variables (a schema of its own, so that `Config` stays the plain object type). */
const checkedConfigSchema = configSchema
  .refine((config) => config.HTTP_HEADERS_TIMEOUT_MS <= config.HTTP_REQUEST_TIMEOUT_MS, {
    message: 'must not be longer than HTTP_REQUEST_TIMEOUT_MS',
    path: ['HTTP_HEADERS_TIMEOUT_MS'],
  })
  .refine((config) => config.PENDING_MAX_BYTES >= config.MAX_MESSAGE_BYTES, {
    message: 'must be at least MAX_MESSAGE_BYTES (one largest message must fit)',
    path: ['PENDING_MAX_BYTES'],
  });

export type Config = z.infer<typeof configSchema> & { dataDir: string };

/** Parses the environment once. Returns every problem, not only the first. */
export function parseConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: Config } | { ok: false; problems: string[] } {
  const result = checkedConfigSchema.safeParse(env);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    };
  }
  return { ok: true, config: { ...result.data, dataDir: path.resolve(result.data.DATA_DIR) } };
}

/** Parses the environment or prints every problem and exits with status 1. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = parseConfig(env);
  if (!parsed.ok) {
    console.error('Roster cannot start: the configuration is invalid.');
    for (const problem of parsed.problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  return parsed.config;
}
