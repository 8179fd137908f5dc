// The poll's page. State comes from messages only: the tally is rebuilt from the channel's history on
// every (re)load, and kept up to date by the live votes that follow.
(async function () {
    const channel = 'poll:lunch';
    const votes = new Map();    // voter (the client that published) → its latest choice

    const app = document.getElementById('thywill-app');
    app.innerHTML = '<h1>What shall we drink?</h1><div id="poll-choices"></div>' +
        '<p id="poll-error" role="alert"></p><p id="poll-partial" hidden>Some early votes are no longer kept.</p>';

    // Before join: the history arrives as 'message' events while the join is answered.
    thywill.on('message', (m) => {
        if (m.channel === channel) {
            votes.set(m.from, m.data.choice);
            render();
        }
    });
    thywill.on('recovery', (e) => {
        if (e.channel === channel && !e.recovered) {
            document.getElementById('poll-partial').hidden = false;
        }
    });

    await thywill.ready();
    const choices = await thywill.call('choices');
    document.getElementById('poll-choices').innerHTML = choices.map((c) =>
        '<button class="poll-vote" data-choice="' + c + '">' + c + ' <span class="poll-count" data-choice="' + c + '">0</span></button>').join(' ');
    for (const button of document.querySelectorAll('.poll-vote')) {
        button.addEventListener('click', () => vote(button.dataset.choice));
    }
    await thywill.join(channel, { history: true });
    render();

    async function vote(choice) {
        try {
            await thywill.publish(channel, { choice });
            document.getElementById('poll-error').textContent = '';
        } catch (e) {
            document.getElementById('poll-error').textContent = e.code + ': ' + e.message;
        }
    }

    function render() {
        for (const count of document.querySelectorAll('.poll-count')) {
            count.textContent = [...votes.values()].filter((v) => v === count.dataset.choice).length;
        }
        for (const button of document.querySelectorAll('.poll-vote')) {
            button.classList.toggle('poll-mine', votes.get(thywill.config.clientId) === button.dataset.choice);
        }
    }
})();
