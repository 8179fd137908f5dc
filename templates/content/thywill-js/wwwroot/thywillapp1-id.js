// The front end of ThywillApp1: the room's messages, a box to add one, a greeting from the server.
// Handlers go on before join: the room's history arrives as 'message' events during the join.
(async function () {
    const room = 'room:main';
    const app = document.getElementById('thywill-app');
    app.innerHTML =
        '<h1>ThywillApp1</h1>' +
        '<p id="greeting"></p>' +
        '<form id="compose"><input id="message" autocomplete="off" maxlength="500" placeholder="Say something">' +
        ' <button id="send" type="submit">Send</button></form>' +
        '<p id="error" role="alert"></p>' +
        '<ul id="messages"></ul>';

    const list = document.getElementById('messages');
    const error = document.getElementById('error');

    thywill.on('message', (m) => {
        if (m.channel !== room) {
            return;
        }
        const item = document.createElement('li');
        item.textContent = typeof m.data?.text === 'string' ? m.data.text : JSON.stringify(m.data);
        list.appendChild(item);
    });

    await thywill.ready();
    await thywill.join(room, { history: true });
    document.getElementById('greeting').textContent = await thywill.call('hello');

    document.getElementById('compose').addEventListener('submit', async (event) => {
        event.preventDefault();
        const input = document.getElementById('message');
        const text = input.value.trim();
        if (text === '') {
            return;
        }
        try {
            await thywill.publish(room, { text });
            input.value = '';
            error.textContent = '';
        } catch (e) {
            error.textContent = e.code + ': ' + e.message;   // too-large, rate-limited, ...
        }
    });
})();
