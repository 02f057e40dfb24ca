// One JSON request to the classroom server, shared by the tablet and the facilitator pages.
// Errors carry the server's translated message (docs/server.md).
import { lang, t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, code, message, data = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.data = data;
  }
}

/** JSON request in the page's language; throws ApiError (status 0 when the server cannot be reached). */
export async function request(method, path, body = undefined, { headers = {}, ...options } = {}) {
  const init = {
    method,
    headers: { Accept: 'application/json', 'Accept-Language': lang, ...headers },
    cache: 'no-store',
    ...options,
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const url = path + (path.includes('?') ? '&' : '?') + `lang=${lang}`;
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, 'offline', t('offline'));
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = (data && data.error) || {};
    throw new ApiError(response.status, error.code || 'http', error.message || `HTTP ${response.status}`, error);
  }
  return data;
}
