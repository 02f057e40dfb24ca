// The tablet app: join -> ladder -> challenge, with the URL hash as the page (#/ladder, #/c/<id>).
import { ApiError, forgetTeam, get, savedTeam } from './api.js';
import { flushChallenge, leaveChallenge, showChallenge } from './challenge.js';
import { showJoin, showPick } from './join.js';
import { showLadder } from './ladder.js';
import { connect, disconnect, onRoomEvent } from './socket.js';
import { t } from './i18n.js';
import { toast } from './ui.js';

// ?lang= has been remembered by the server (cookie): keep the address clean.
if (location.search) history.replaceState(null, '', location.pathname + location.hash);

function codeInPath() {
  const match = location.pathname.match(/^\/j\/([^/]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

async function route() {
  const team = savedTeam();
  const code = codeInPath();
  if (code && (!team || team.code !== code)) {
    await leaveChallenge();
    try {
      await showPick(code);
    } catch {
      showJoin(code, t('unknown_code'));
    }
    return;
  }
  if (!team) {
    await leaveChallenge();
    showJoin();
    return;
  }
  if (code) history.replaceState(null, '', `/${location.hash || '#/ladder'}`);
  connect();
  const hash = location.hash;
  try {
    if (hash.startsWith('#/c/')) {
      const id = hash.slice(4).split('/').map(decodeURIComponent).join('/');
      await showChallenge(id);
    } else {
      await leaveChallenge();
      await showLadder();
    }
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      forgetTeam();
      disconnect();
      showJoin(team.code, err.message);
    } else if (err instanceof ApiError && (err.status === 403 || err.status === 404) && hash.startsWith('#/c/')) {
      toast(err.message);
      location.hash = '#/ladder';
    } else {
      toast(err.message);
    }
  }
}

window.addEventListener('hashchange', () => { route(); });
const onLadder = () => location.hash === '#/ladder' || location.hash === '';
onRoomEvent(async (event) => {
  if (event.type === 'attempt' && onLadder()) route();
  if (event.type !== 'session.challenges') return;
  // The facilitator changed the ladder: refresh it, or leave a challenge that was just locked.
  if (onLadder()) {
    route();
  } else if (location.hash.startsWith('#/c/')) {
    const id = location.hash.slice(4).split('/').map(decodeURIComponent).join('/');
    try {
      const ladder = await get('/api/team/ladder');
      const mine = ladder.challenges.find((c) => c.id === id);
      if (!mine || mine.locked) {
        toast(t('challenge_closed'));
        location.hash = '#/ladder';
      }
    } catch {
      // offline: the server refuses a locked challenge's runs anyway
    }
  }
});
const flush = () => { leaveChallenge(); };
document.addEventListener('robolab:leaving', flush);
window.addEventListener('pagehide', flush);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') flushChallenge();
});
route();
