/*
 * Calculations — remote procedure calls: thywill.call(name, ...args) returns a Promise of the
 * server function's result, or rejects with an Error whose code names the reason.
 */
(function () {
    'use strict';

    const el = (tag, props) => Object.assign(document.createElement(tag), props || {});

    async function run(label, name, ...args) {
        const item = el('li', { textContent: label + ' …' });
        item.dataset.call = name;
        document.getElementById('calc-results').prepend(item);
        try {
            const result = await thywill.call(name, ...args);
            item.textContent = label + ' = ' + JSON.stringify(result);
            item.dataset.outcome = 'ok';
        } catch (error) {
            item.textContent = label + ' → ' + error.code + ': ' + error.message;
            item.className = 'error';
            item.dataset.outcome = error.code;
        }
    }

    thywill.application.fn = function () {
        const root = document.getElementById('thywill-app');
        const a = el('input', { id: 'calc-a', type: 'number', value: '6' });
        const b = el('input', { id: 'calc-b', type: 'number', value: '7' });
        const form = el('div', { id: 'calc-form' });
        const button = (id, text, action) => {
            const node = el('button', { id: id, type: 'button', textContent: text });
            node.addEventListener('click', action);
            return node;
        };
        form.append(a, b,
            button('calc-add', 'a + b', () => run(a.value + ' + ' + b.value, 'add', Number(a.value), Number(b.value))),
            button('calc-factorize', 'factorize a', () => run('factors of ' + a.value, 'factorize', Number(a.value))),
            button('calc-slow', 'slow a² (1 s)', () => run(a.value + '² slowly', 'slowSquare', Number(a.value), 1000)),
            button('calc-too-slow', 'too slow (5 s)', () => run(a.value + '² too slowly', 'slowSquare', Number(a.value), 5000)),
            button('calc-divide', 'a / b', () => run(a.value + ' / ' + b.value, 'divide', Number(a.value), Number(b.value))),
            button('calc-secret', 'the secret', () => run('secret', 'secret')));
        root.replaceChildren(el('h1', { textContent: 'Calculations' }), form, el('ul', { id: 'calc-results' }));
        root.dataset.ready = 'true';
    };

    thywill.application.ready();
})();
