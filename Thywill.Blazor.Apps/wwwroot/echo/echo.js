/*
 * Echo — the seed's proof of concept, written against the seed API only:
 * push.onReceipt, send.fn, send.onConfirm, send.onError, application.fn, application.ready().
 */
(function () {
    'use strict';

    let output;
    let errorLine;

    thywill.push.onReceipt = function (message) {
        const item = document.createElement('li');
        item.textContent = typeof message === 'string' ? message : JSON.stringify(message);
        output.appendChild(item);
    };

    thywill.push.onError = function (error) {
        errorLine.textContent = 'Connection error: ' + (error.code || '') + ' ' + error.message;
    };

    thywill.send.onConfirm = function () {
        errorLine.textContent = '';
    };

    thywill.send.onError = function (error) {
        errorLine.textContent = (error.code || 'error') + ': ' + error.message;
        console.log(error);
    };

    thywill.application.fn = function () {
        const root = document.getElementById('thywill-app');
        root.innerHTML = '';

        const title = document.createElement('h1');
        title.textContent = 'Echo';

        const form = document.createElement('form');
        form.id = 'echo-form';
        const input = document.createElement('input');
        input.id = 'echo-input';
        input.placeholder = 'Type a message';
        input.autocomplete = 'off';
        const button = document.createElement('button');
        button.id = 'echo-send';
        button.type = 'submit';
        button.textContent = 'Send';
        form.append(input, button);
        form.addEventListener('submit', function (event) {
            event.preventDefault();
            if (input.value !== '') {
                thywill.send.fn(input.value);
                input.value = '';
            }
        });

        errorLine = document.createElement('p');
        errorLine.id = 'echo-error';
        output = document.createElement('ul');
        output.id = 'echo-output';

        const client = document.createElement('p');
        client.innerHTML = 'Client <code id="client-id"></code>';
        client.querySelector('code').textContent = thywill.config.uuid;

        root.append(title, client, form, errorLine, output);
        root.dataset.ready = 'true';
    };

    thywill.application.ready();
})();
