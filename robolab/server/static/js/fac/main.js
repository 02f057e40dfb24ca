// The facilitator's app: one page, the hash is the screen.
//   #/                    the sessions          #/new                  a new session
//   #/s/<id>              the live dashboard    #/s/<id>/ladder        challenges and locks
//   #/s/<id>/t/<team>     a team's attempts     #/s/<id>/projector     the projector view
//   #/s/<id>/robots       the robots (fleet.js)
//   #/editor[/...]        the level editor (editor.js)
import { t } from '../i18n.js';
import { toast } from '../ui.js';
import { showCreate } from './create.js';
import { showDashboard } from './dashboard.js';
import { showEditor } from './editor.js';
import { showFleet } from './fleet.js';
import { Live } from './live.js';
import { showProjector } from './projector.js';
import { showSessions } from './sessions.js';
import { showSetup } from './setup.js';
import { showTeam } from './team.js';

let live = null;
let cleanup = null;
let routing = 0;

function liveFor(id) {
  if (live && live.sessionId === Number(id)) return live;
  if (live) live.close();
  live = new Live(id, {
    onGone: () => {
      toast(t('session_gone'));
      location.hash = '#/';
    },
  });
  return live;
}

async function route() {
  const mine = ++routing;
  if (cleanup) cleanup();
  cleanup = null;
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  let done = null;
  try {
    if (parts[0] === 's' && /^\d+$/.test(parts[1] || '')) {
      const session = liveFor(parts[1]);
      const view = parts[2];
      if (view === 't' && /^\d+$/.test(parts[3] || '')) done = await showTeam(session, Number(parts[3]), parts[4] === 'c' ? parts.slice(5).join('/') : null);
      else if (view === 'projector') done = await showProjector(session);
      else if (view === 'ladder') done = await showSetup(session);
      else if (view === 'robots') done = await showFleet(session);
      else done = await showDashboard(session);
    } else {
      if (live) live.close();
      live = null;
      if (parts[0] === 'editor') done = await showEditor(parts.slice(1));
      else done = parts[0] === 'new' ? await showCreate() : await showSessions();
    }
  } catch (err) {
    toast(err.message);
  }
  if (mine !== routing) {
    if (done) done(); // another screen was asked for meanwhile
  } else {
    cleanup = done;
  }
}

window.addEventListener('hashchange', () => { route(); });
route();
