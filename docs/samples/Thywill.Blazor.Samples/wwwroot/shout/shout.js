thywill.push.onReceipt = function (message) {
    const item = document.createElement('li');
    item.textContent = message;
    document.getElementById('shout-log').appendChild(item);
};

thywill.send.onError = function (error) {
    document.getElementById('shout-error').textContent = error.code + ': ' + error.message;
};

thywill.application.fn = function () {
    document.getElementById('thywill-app').innerHTML =
        '<input id="shout-text"> <button id="shout-send">Shout</button>' +
        '<p id="shout-error"></p><ul id="shout-log"></ul>';
    document.getElementById('shout-send').onclick = function () {
        thywill.send.fn(document.getElementById('shout-text').value);
    };
};

thywill.application.ready();
