// Calls to the facilitator API (docs/server.md): the cookie goes by itself, changes carry the
// page's CSRF token. Errors carry the server's translated message.
import { lang, t } from '../i18n.js';

const config = JSON.parse(document.getElementById('config').textContent);
export const keepDays = config.keep_days;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function call(method, path, body = undefined) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang };
  if (method !== 'GET') headers['X-RoboLab-CSRF'] = config.csrf;
  const init = { method, headers, cache: 'no-store', credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
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
    throw new ApiError(response.status, error.code || 'http', error.message || `HTTP ${response.status}`);
  }
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);
export const patch = (path, body) => call('PATCH', path, body);
export const del = (path) => call('DELETE', path);

export const sessionPath = (id, rest = '') => `/api/facilitator/sessions/${Number(id)}${rest}`;
