// Entry point: sign-in gate, navigation and routes.
import { onUnauthorized } from './api.js';
import { clearToken, takeTokenFromFragment, token } from './auth.js';
import { newStudyView } from './new-study.js';
import { startRouter } from './router.js';
import { scheduleView, schedulesView } from './schedules.js';
import { signInView } from './signin.js';
import { studiesView } from './studies.js';
import { studyView } from './study.js';
import { trialView } from './trial.js';
import { workersView } from './workers.js';

const root = document.getElementById('view');
const nav = document.getElementById('nav');
const signOut = document.getElementById('sign-out');

const routes = [
  { pattern: /^\/studies$/, view: studiesView },
  { pattern: /^\/studies\/(\d+)$/, view: studyView },
  { pattern: /^\/new$/, view: newStudyView },
  { pattern: /^\/schedules$/, view: schedulesView },
  { pattern: /^\/schedules\/(\d+)$/, view: scheduleView },
  { pattern: /^\/workers$/, view: workersView },
  { pattern: /^\/trials\/(\d+)$/, view: trialView },
];

let router = null;

function highlightNav(path) {
  const section = path.split('/')[1];
  for (const a of nav.querySelectorAll('a')) {
    const current = a.dataset.nav === section || (a.dataset.nav === 'studies' && section === 'trials');
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function showSignIn(message) {
  router?.stop();
  router = null;
  nav.hidden = true;
  signOut.hidden = true;
  signInView(root, { message, onSignedIn: start });
}

function start() {
  nav.hidden = false;
  signOut.hidden = false;
  if (!location.hash || location.hash === '#') location.replace('#/studies');
  router = startRouter(routes, root, { beforeRender: highlightNav });
}

onUnauthorized(() => {
  if (!router) return;
  clearToken();
  showSignIn('The service no longer accepts the token: sign in again.');
});

signOut.addEventListener('click', () => {
  clearToken();
  showSignIn('Signed out.');
});

// A sign-in link opened in a tab that already shows the dashboard only changes the fragment. This listener
// runs before the router's, which then renders #/studies.
window.addEventListener('hashchange', () => {
  if (takeTokenFromFragment() && !router) start();
});

takeTokenFromFragment();
if (token()) start();
else showSignIn();
