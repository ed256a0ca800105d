// Sign-in: paste the token the service printed (or open its #token= link, handled in auth.js).
import { ApiError, getJson } from './api.js';
import { clearToken, setToken } from './auth.js';
import { h, mount } from './dom.js';

export function signInView(root, { message, onSignedIn }) {
  const input = h('input', {
    id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
    'aria-describedby': 'token-help token-error',
  });
  const error = h('p', { id: 'token-error', class: 'field-error', role: 'alert' }, message || '');
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');

  async function submit(event) {
    event.preventDefault();
    if (!input.value.trim()) return;
    button.disabled = true;
    error.textContent = '';
    setToken(input.value);
    try {
      await getJson('/studies', { page: 0, size: 1 }); // proves the token before leaving the form
      onSignedIn();
    } catch (e) {
      clearToken();
      error.textContent = e instanceof ApiError && (e.status === 401 || e.status === 403)
        ? 'The service did not accept this token.'
        : `Could not reach the service: ${e.message}`;
      button.disabled = false;
      input.focus();
    }
  }

  mount(root, h('section', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in'),
    h('form', { onsubmit: submit },
      h('label', { for: 'token' }, 'Access token'),
      input,
      h('p', { id: 'token-help', class: 'hint' },
        'The service prints an admin token (and a sign-in link) on first start; it is also in the data directory ',
        'as admin-token. The token stays in this tab only.'),
      error,
      button)));
  input.focus();
}
