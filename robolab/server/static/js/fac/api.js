// Calls to the facilitator API (docs/server.md): the cookie goes by itself, changes carry the
// page's CSRF token. Errors carry the server's translated message.
import { ApiError, request } from '../http.js';

export { ApiError };

const config = JSON.parse(document.getElementById('config').textContent);
export const keepDays = config.keep_days;

/** After a new secret link, this page's anti-forgery value (it comes from the key). */
export function setCsrf(value) {
  config.csrf = value;
}

/** JSON request with the facilitator cookie (and the CSRF token on changes). */
export function call(method, path, body = undefined) {
  const headers = method === 'GET' ? {} : { 'X-RoboLab-CSRF': config.csrf };
  return request(method, path, body, { headers, credentials: 'same-origin' });
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);
export const patch = (path, body) => call('PATCH', path, body);
export const del = (path) => call('DELETE', path);

export const sessionPath = (id, rest = '') => `/api/facilitator/sessions/${Number(id)}${rest}`;
