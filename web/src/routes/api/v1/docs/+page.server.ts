import { openApiDocument } from '$lib/server/openapi';

export const load = ({ url }) => ({ api: openApiDocument(url.origin) });
