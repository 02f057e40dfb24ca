// Calls to the classroom server (docs/server.md). Errors carry the server's translated message.
import { ApiError, request } from './http.js';

export { ApiError };

const TEAM_KEY = 'robolab.team';

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

/** JSON request with the team's token; throws ApiError (status 0 when the server cannot be reached). */
export function call(method, path, body = undefined, { keepalive = false } = {}) {
  const team = savedTeam();
  const headers = team ? { Authorization: `Bearer ${team.token}` } : {};
  return request(method, path, body, { headers, keepalive });
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body, options) => call('PUT', path, body, options);

/** A challenge id in a URL path ("starter/zigzag" keeps its slash). */
export function idPath(id) {
  return id.split('/').map(encodeURIComponent).join('/');
}
