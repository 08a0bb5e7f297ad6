import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/openapi';

/** GET /api/v1/openapi.json: the API's OpenAPI document (public: it holds no data). */
export const GET = ({ url }) => json(openApiDocument(url.origin));
