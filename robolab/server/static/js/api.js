// Calls to the classroom server (docs/server.md). Errors carry the server's translated message.
import { lang, t } from './i18n.js';

const TEAM_KEY = 'robolab.team';

export class ApiError extends Error {
  constructor(status, code, message, data = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.data = data;
  }
}

/** The team this tablet works for: {token, code, team, session} or null. */
export function savedTeam() {
  try {
    const raw = localStorage.getItem(TEAM_KEY);
    const data = raw ? JSON.parse(raw) : null;
    return data && typeof data.token === 'string' ? data : null;
  } catch {
    return null;
  }
}

export function saveTeam(joined, code) {
  localStorage.setItem(TEAM_KEY, JSON.stringify({ token: joined.token, code, team: joined.team, session: joined.session }));
}

export function forgetTeam() {
  localStorage.removeItem(TEAM_KEY);
}

/** JSON request; throws ApiError (status 0 when the server cannot be reached). */
export async function call(method, path, body = undefined, { keepalive = false } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang };
  const team = savedTeam();
  if (team) headers.Authorization = `Bearer ${team.token}`;
  const init = { method, headers, keepalive, cache: 'no-store' };
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
    throw new ApiError(response.status, error.code || 'http', error.message || `HTTP ${response.status}`, error);
  }
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body, options) => call('PUT', path, body, options);

/** A challenge id in a URL path ("starter/zigzag" keeps its slash). */
export function idPath(id) {
  return id.split('/').map(encodeURIComponent).join('/');
}
