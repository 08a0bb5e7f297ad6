// Talking to the built web app over HTTP as a browser does, for the tests that spawn it.
import type postgres from 'postgres';
import { SESSION_COOKIE } from '@roster/shared';

export interface Person {
  email: string;
  password: string;
  cookie: string;
  id: string;
  workspaceId: string;
}

export interface Probe {
  method: string;
  url: string;
  cookie?: string;
  accept?: string;
  form?: Record<string, string>;
  formData?: FormData;
  json?: unknown;
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  /** More request headers (e.g. an upload's X-File-Name). */
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  location: string | null;
  setCookie: string[];
  text: string;
  /** The body as JSON, when it is JSON (SvelteKit answers a failed action `{ type, status }` with 200). */
  json: { status?: number; [key: string]: unknown } | null;
}

/** Sends one request to the app at `base` as a browser would (with an Origin), following no redirect. */
export async function sendTo(
  base: string,
  method: string,
  url: string,
  request: Omit<Probe, 'method' | 'url'>,
): Promise<Answer> {
  // An Origin on every request, as a browser sends: SvelteKit refuses cross-site form posts.
  const headers: Record<string, string> = { origin: base, accept: request.accept ?? 'text/html' };
  if (request.cookie) headers.cookie = request.cookie;
  if (request.accept === 'application/json') headers['x-sveltekit-action'] = 'true';
  Object.assign(headers, request.headers);
  let body: BodyInit | undefined;
  if (request.form) {
    body = new URLSearchParams(request.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    headers['content-type'] = 'application/json';
  } else if (request.formData) {
    body = request.formData;
  } else if (request.body !== undefined) {
    body = request.body;
    if (request.contentType) headers['content-type'] = request.contentType;
  }
  const response = await fetch(`${base}${url}`, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  let json: Answer['json'] = null;
  if (response.headers.get('content-type')?.includes('json')) {
    try {
      json = JSON.parse(text) as Answer['json'];
    } catch {
      json = null;
    }
  }
  return {
    status: response.status,
    location: response.headers.get('location'),
    setCookie: response.headers.getSetCookie(),
    text,
    json,
  };
}

let emails = 0;
/** An email address no other test uses. */
export function uniqueEmail(prefix: string): string {
  emails += 1;
  return `${prefix}${emails}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Signs up through the sign-up form; the person's own workspace is where it redirects. */
export async function signUpThrough(base: string, sql: postgres.Sql, name: string): Promise<Person> {
  const email = uniqueEmail('http');
  const password = 'correct horse battery';
  const answer = await sendTo(base, 'POST', '/signup', { form: { name, email, password } });
  const cookie = answer.setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0];
  const workspaceId = /^\/w\/([a-z2-7]+)$/.exec(answer.location ?? '')?.[1];
  if (answer.status !== 303 || !cookie || !workspaceId)
    throw new Error(`sign-up failed: ${answer.status} ${answer.text}`);
  const [user] = await sql<{ id: string }[]>`select id from users where email = ${email}`;
  return { email, password, cookie, id: user!.id, workspaceId };
}
