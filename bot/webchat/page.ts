/**
 * The web chat page: who you are (in local development a picker over the team; with logins
 * only the session's person), and Web Chat connected to the local Direct Line endpoint. Once
 * connected the page sends the `webchat/join` event: the server shows the person's kept
 * history and a greeting (join.ts). The layout holds at 390 px: the header wraps, the picker
 * shrinks, the greeting's buttons wrap.
 */
export function chatPage(): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Relance — web chat</title>
<style>
  html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; background: #f4f5f7; }
  body { display: flex; flex-direction: column; }
  header {
    display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: center;
    padding: .5rem 1rem; background: #1f3b57; color: #fff; min-width: 0;
  }
  header h1 { font-size: 1.1rem; margin: 0; }
  header .tagline { font-size: .9rem; opacity: .85; }
  header label { margin-left: auto; font-size: .9rem; display: flex; align-items: center; gap: .4rem; min-width: 0; max-width: 100%; }
  header label .as { white-space: nowrap; }
  header select { min-width: 0; max-width: 100%; font-size: .9rem; }
  #webchat { flex: 1; min-height: 0; max-width: 960px; width: 100%; margin: 0 auto; background: #fff; }
  #webchat a[href^="tel:"] { white-space: nowrap; }
  @media (max-width: 600px) {
    header { padding: .4rem .6rem; }
    header .tagline { display: none; }
    header label { margin-left: 0; flex: 1 1 100%; }
    header select { flex: 1 1 auto; }
  }
</style>
</head>
<body>
<header>
  <h1>Relance</h1>
  <span class="tagline" id="tagline"></span>
  <label><span class="as" id="as"></span> <select id="who"></select></label>
</header>
<div id="webchat" role="main"></div>
<script src="/webchat/webchat.js"></script>
<script>
(async function () {
  const params = new URLSearchParams(location.search);
  // With logins the session cookie says who you are (the list holds only you).
  const headers = {};
  const people = await (await fetch('/webchat/people', { headers })).json();
  const who = document.getElementById('who');
  const asked = params.get('as');
  const me = people.find((p) => p.handle === asked) || people.find((p) => p.role === 'credit_controller') || people[0];
  // The page speaks the person's language, like the bot.
  const lang = me.language === 'en' ? 'en' : 'fr';
  const words = {
    fr: { tagline: 'assistant de recouvrement', as: 'Vous êtes', who: 'qui vous êtes',
      roles: { credit_controller: 'chargé·e de recouvrement', manager: 'responsable', admin: 'administrateur' } },
    en: { tagline: 'collections assistant', as: 'You are', who: 'who you are',
      roles: { credit_controller: 'credit controller', manager: 'manager', admin: 'administrator' } },
  }[lang];
  document.documentElement.lang = lang;
  document.getElementById('tagline').textContent = words.tagline;
  document.getElementById('as').textContent = words.as;
  who.setAttribute('aria-label', words.who);
  for (const p of people) {
    const o = document.createElement('option');
    o.value = p.handle;
    o.textContent = p.name + ' (' + (words.roles[p.role] || p.role) + ')';
    o.selected = p === me;
    who.appendChild(o);
  }
  who.disabled = people.length < 2;
  who.addEventListener('change', () => {
    params.set('as', who.value);
    location.search = params.toString();
  });
  const { token } = await (await fetch('/webchat/token', { method: 'POST', headers })).json();
  const directLine = window.WebChat.createDirectLine({
    token,
    domain: location.origin + '/v3/directline',
    webSocket: false,
    pollingInterval: 500,
  });
  // Once connected: "I am here" — the server answers with the kept history and a greeting.
  const store = window.WebChat.createStore({}, ({ dispatch }) => (next) => (action) => {
    if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED')
      dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: {} } });
    return next(action);
  });
  window.WebChat.renderWebChat(
    {
      directLine,
      store,
      userID: me.handle,
      username: me.name,
      locale: lang === 'en' ? 'en-GB' : 'fr-FR',
      // The three first things to try wrap onto lines rather than scroll sideways (390 px).
      styleOptions: { bubbleMaxWidth: 720, bubbleMinWidth: 0, hideUploadButton: true, suggestedActionLayout: 'flow' },
    },
    document.getElementById('webchat'),
  );
  document.querySelector('#webchat input, #webchat textarea')?.focus();
})();
</script>
</body>
</html>
`;
}
