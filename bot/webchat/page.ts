/**
 * The web chat page: who you are (in local development a picker over the team; with logins
 * only the session's person), and Web Chat connected to the local Direct Line endpoint.
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
  header { display: flex; gap: 1rem; align-items: center; padding: .6rem 1rem; background: #1f3b57; color: #fff; }
  header h1 { font-size: 1.1rem; margin: 0; }
  header label { margin-left: auto; font-size: .9rem; }
  header select { margin-left: .4rem; }
  #webchat { flex: 1; min-height: 0; max-width: 960px; width: 100%; margin: 0 auto; background: #fff; }
</style>
</head>
<body>
<header>
  <h1>Relance</h1>
  <span>assistant de recouvrement · collections assistant</span>
  <label>Vous êtes / you are <select id="who" aria-label="who you are"></select></label>
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
  for (const p of people) {
    const o = document.createElement('option');
    o.value = p.handle;
    o.textContent = p.name + ' (' + p.role.replace('_', ' ') + ')';
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
  window.WebChat.renderWebChat(
    {
      directLine,
      userID: me.handle,
      username: me.name,
      locale: me.language === 'en' ? 'en-GB' : 'fr-FR',
      styleOptions: { bubbleMaxWidth: 720, hideUploadButton: true },
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
