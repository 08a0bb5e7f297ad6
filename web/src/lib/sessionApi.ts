// Calls to the app's own session API (/api/…) from the browser: JSON in, JSON out, and a refusal
// thrown as an Error whose message is the server's sentence for people.

/** Fetches JSON; throws the server's `{ error: { message } }` sentence (or a generic one) when refused. */
export async function requestJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => null)) as (T & { error?: { message: string } }) | null;
  if (!response.ok) throw new Error(body?.error?.message ?? 'The server did not answer. Try again.');
  return body as T;
}

/** A POST with a JSON body. */
export const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
