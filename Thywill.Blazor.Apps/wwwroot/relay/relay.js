/*
 * Relay — a configuration-only application: no server code. Browsers join `room:*` channels,
 * publish to them, see who is there, and get the room's recent history on joining. Everything it
 * may do is set in Thywill:Applications:relay:Channels.
 */
(function () {
    'use strict';

    const el = (tag, props) => Object.assign(document.createElement(tag), props || {});
    let room = null;
    const members = new Map();

    function showError(error) {
        document.getElementById('relay-error').textContent = error ? (error.code || 'error') + ': ' + error.message : '';
    }

    function renderPresence() {
        const list = document.getElementById('relay-presence');
        const name = (m) => (m.info && m.info.name) || m.clientId.slice(0, 8);
        const sorted = Array.from(members.values()).sort((a, b) => name(a).localeCompare(name(b)));
        list.replaceChildren(...sorted.map((m) => {
            const item = el('li', { textContent: name(m) });
            item.dataset.clientId = m.clientId;
            return item;
        }));
    }

    function addMessage(message) {
        const item = el('li');
        const name = message.data && typeof message.data === 'object' ? message.data.name : null;
        item.append(el('span', { className: 'from', textContent: (name || 'someone') + ':' }));
        item.append(el('span', { className: 'text', textContent: message.data && typeof message.data === 'object' ? message.data.text : String(message.data) }));
        item.dataset.offset = message.offset;
        document.getElementById('relay-messages').append(item);
    }

    thywill.on('message', (message) => {
        if (message.channel === room) {
            addMessage(message);
        }
    });

    thywill.on('presence', (event) => {
        if (event.channel !== room) {
            return;
        }
        if (event.action === 'leave') {
            members.delete(event.member.clientId);
        } else {
            members.set(event.member.clientId, event.member);
        }
        renderPresence();
    });

    thywill.on('recovery', (event) => {
        if (event.channel === room && !event.recovered) {
            showError({ code: 'recovery', message: 'Some messages could not be recovered.' });
        }
    });

    async function join(roomName, name) {
        showError(null);
        if (room) {
            await thywill.leave(room).catch(() => { });
        }
        document.getElementById('relay-messages').replaceChildren();
        members.clear();
        try {
            room = roomName;
            const joined = await thywill.join(roomName, { history: true, info: { name: name } });
            for (const member of joined.presence || []) {
                members.set(member.clientId, member);
            }
            renderPresence();
            document.getElementById('relay-room').textContent = roomName;
            document.getElementById('thywill-app').dataset.joined = roomName;
        } catch (error) {
            room = null;
            showError(error);
        }
    }

    thywill.application.fn = function () {
        const root = document.getElementById('thywill-app');
        const joinForm = el('form', { id: 'relay-join' });
        const roomInput = el('input', { id: 'relay-room-input', value: 'room:lobby', placeholder: 'room:name' });
        const nameInput = el('input', { id: 'relay-name', placeholder: 'Your name', value: 'guest-' + thywill.config.clientId.slice(0, 4) });
        joinForm.append(roomInput, nameInput, el('button', { id: 'relay-join-button', type: 'submit', textContent: 'Join' }));
        joinForm.addEventListener('submit', (event) => {
            event.preventDefault();
            join(roomInput.value.trim(), nameInput.value.trim());
        });

        const sendForm = el('form', { id: 'relay-send' });
        const text = el('input', { id: 'relay-text', placeholder: 'Say something', autocomplete: 'off' });
        sendForm.append(text, el('button', { id: 'relay-send-button', type: 'submit', textContent: 'Send' }));
        sendForm.addEventListener('submit', async (event) => {
            event.preventDefault();
            if (!room || text.value === '') {
                return;
            }
            try {
                await thywill.publish(room, { name: nameInput.value.trim(), text: text.value });
                text.value = '';
                showError(null);
            } catch (error) {
                showError(error);
            }
        });

        const main = el('div', { className: 'relay' });
        const left = el('section');
        left.append(el('h2', { id: 'relay-room', textContent: 'not in a room' }), el('p', { id: 'relay-error' }),
            el('ul', { id: 'relay-messages' }), sendForm);
        const right = el('aside');
        right.append(el('h3', { textContent: 'Here now' }), el('ul', { id: 'relay-presence' }));
        main.append(left, right);
        root.replaceChildren(el('h1', { textContent: 'Relay' }), joinForm, main);
        root.dataset.ready = 'true';
    };

    thywill.application.ready();
})();
