/*
 * thywill.js — the browser half of Thywill.Blazor.
 *
 * One global object, `thywill`, keeps every slot of the original thywill API (push.onReceipt,
 * push.onError, send.fn, send.onConfirm, send.onError, application.fn, application.ready(),
 * config) and adds a modern surface (ready(), send() as a Promise, on/off, state).
 * It is a deliberate global: the seed's API is one. The transport is the Blazor circuit; this
 * script starts Blazor and is called back by the circuit's root component.
 */
(function (global) {
    'use strict';

    if (global.thywill && global.thywill.__isThywill) {
        return;
    }

    const document = global.document;
    const meta = (name) => document.querySelector('meta[name="' + name + '"]')?.content;
    const applicationId = meta('thywill-application') || '';
    const bootstrapTimeoutMs = Number(meta('thywill-bootstrap-timeout')) || 20000;
    let maxMessageBytes = Number(meta('thywill-max-message-bytes')) || 65536;
    const tokenKey = 'thywill.resume.' + applicationId;
    const positionsKey = 'thywill.positions.' + applicationId;
    // Marked as a page goes away (a reload, a navigation): the tab's next page takes its client over
    // at once instead of waiting for the old page's circuit to end. A duplicated tab copies the
    // storage of a page that is still open, which carries no mark, and gets a client of its own.
    const leftKey = 'thywill.left.' + applicationId;
    // When the page last reloaded itself because no node had its circuit. A page that then gets no
    // circuit does not reload itself again within a minute, so that a server that rejects every
    // circuit cannot make it reload forever; one that gets ready clears the mark, so that losing the
    // next node too (a rolling restart, repeated failures) moves it again.
    const rejectedKey = 'thywill.rejected.' + applicationId;
    const encoder = new TextEncoder();
    const eventNames = ['message', 'state', 'error', 'presence', 'recovery'];
    const listeners = new Map(eventNames.map((n) => [n, new Set()]));

    let dotnet = null;
    let state = 'connecting';
    let bootstrapped = false;
    let failedError = null;
    let closed = false;
    let applicationReady = false;
    let applicationStarted = false;
    let errorReports = 0;
    let maxErrorReports = 50;
    const pendingReports = [];
    const inFlight = new Set();
    // What this tab remembers per channel, kept across reloads ({ epoch, offset, history }): the
    // last offset it received, so the server can send exactly what was missed, and whether the
    // channel was joined with its history, so a new page (which starts empty) is given it again.
    // Razor front ends keep theirs here too, written by the server through _remember.
    const positions = loadPositions();
    let positionsDirty = false;
    // What this page has received, per channel: a batch sent again after a dropped connection is
    // not shown twice. A new page starts empty, so it can be given a channel's history again.
    const seen = new Map();

    let resolveReady;
    let rejectReady;
    const readyPromise = new Promise((resolve, reject) => {
        resolveReady = resolve;
        rejectReady = reject;
    });
    // A failed bootstrap is reported through onError and the 'error' event too; an application
    // that never calls ready() must not see an "unhandled rejection" for it.
    readyPromise.catch(() => { });

    function makeError(code, message) {
        const error = new Error(message);
        error.code = code;
        return error;
    }

    function loadPositions() {
        try {
            const stored = JSON.parse(global.sessionStorage.getItem(positionsKey) || '{}');
            return new Map(Object.entries(stored));
        } catch {
            return new Map();
        }
    }

    function savePositions() {
        if (!positionsDirty) {
            return;
        }
        positionsDirty = false;
        try {
            global.sessionStorage.setItem(positionsKey, JSON.stringify(Object.fromEntries(positions)));
        } catch {
            // Storage full or unavailable: recovery after a reload falls back to what the server keeps.
        }
    }

    function setPosition(channel, epoch, offset, history) {
        const previous = positions.get(channel);
        positions.set(channel, {
            epoch: epoch ?? previous?.epoch ?? null,
            offset: offset ?? previous?.offset ?? 0,
            history: history ?? previous?.history ?? false,
        });
        positionsDirty = true;
    }

    function forget(channel) {
        positions.delete(channel);
        seen.delete(channel);
        positionsDirty = true;
    }

    function measure(data) {
        let json;
        try {
            json = JSON.stringify(data === undefined ? null : data);
        } catch (e) {
            throw makeError('invalid', 'The message cannot be serialised to JSON: ' + e.message);
        }
        if (json === undefined) {
            throw makeError('invalid', 'The message cannot be serialised to JSON.');
        }
        const size = encoder.encode(json).length;
        if (size > maxMessageBytes) {
            throw makeError('too-large', 'The message is ' + size + ' bytes; the limit is ' + maxMessageBytes + ' bytes.');
        }
        return JSON.parse(json);
    }

    // Every request to the server: checked locally first, answered { ok, code, message, ... }.
    function request(method, args) {
        if (!bootstrapped || !dotnet) {
            return Promise.reject(makeError('not-ready', 'The bootstrap has not completed.'));
        }
        if (state === 'reconnecting' || state === 'disconnected' || state === 'failed') {
            return Promise.reject(makeError('disconnected', 'The connection to the server is down.'));
        }
        // A request in flight when the connection drops may never be answered: it is rejected with
        // 'disconnected' at once rather than left hanging.
        let settle;
        const dropped = new Promise((resolve, reject) => {
            settle = reject;
            inFlight.add(reject);
        });
        const answered = dotnet.invokeMethodAsync(method, ...args).then(
            (result) => {
                if (result && result.ok) {
                    return result;
                }
                const error = makeError(result?.code || 'rejected', result?.message || 'The server refused the request.');
                if (result?.channel) {
                    error.channel = result.channel;
                }
                throw error;
            },
            (e) => {
                throw makeError('disconnected', 'The request could not reach the server: ' + (e?.message || e));
            });
        return Promise.race([answered, dropped]).finally(() => inFlight.delete(settle));
    }

    function rejectInFlight() {
        const error = makeError('disconnected', 'The connection to the server was lost before the answer.');
        for (const reject of Array.from(inFlight)) {
            reject(error);
        }
        inFlight.clear();
    }

    function safeCall(fn, arg, where) {
        if (typeof fn !== 'function') {
            return;
        }
        try {
            fn(arg);
        } catch (e) {
            report('callback', e, where);
        }
    }

    function emit(name, arg) {
        for (const fn of Array.from(listeners.get(name))) {
            safeCall(fn, arg, 'thywill.on(' + name + ')');
        }
    }

    function setState(next, error) {
        if (state === next) {
            return;
        }
        state = next;
        emit('state', next);
        showIndicator(next, error);
    }

    // A small default connection indicator. An application replaces it by setting
    // thywill.indicator to its own function(state, error), or turns it off with false.
    let indicatorElement = null;
    function showIndicator(current, error) {
        const custom = thywill.indicator;
        if (custom === false) {
            return;
        }
        if (typeof custom === 'function') {
            safeCall(() => custom(current, error || null), undefined, 'thywill.indicator');
            return;
        }
        const text = {
            reconnecting: 'Reconnecting…',
            moving: 'Moving to another server…',
            disconnected: 'Disconnected from the server' + (error ? ': ' + error.message : '.'),
            failed: 'Could not start' + (error ? ': ' + error.message : '.'),
        }[current];
        if (!text) {
            indicatorElement?.remove();
            indicatorElement = null;
            return;
        }
        if (!indicatorElement) {
            indicatorElement = document.createElement('div');
            indicatorElement.id = 'thywill-status';
            indicatorElement.setAttribute('role', 'status');
            indicatorElement.style.cssText = 'position:fixed;bottom:1rem;right:1rem;z-index:2147483647;padding:.5rem .75rem;'
                + 'border-radius:.375rem;background:#333;color:#fff;font:14px system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3)';
            document.body.appendChild(indicatorElement);
        }
        indicatorElement.dataset.state = current;
        indicatorElement.textContent = text + ' ';
        if (current !== 'reconnecting' && current !== 'moving') {
            const reload = document.createElement('button');
            reload.textContent = 'Reload';
            reload.style.cssText = 'margin-left:.5rem';
            reload.addEventListener('click', () => global.location.reload());
            indicatorElement.appendChild(reload);
        }
    }

    function fail(code, message) {
        if (failedError || bootstrapped) {
            return;
        }
        failedError = makeError(code, message);
        setState('failed', failedError);
        rejectReady(failedError);
        emit('error', failedError);
        safeCall(thywill.push.onError, failedError, 'thywill.push.onError');
    }

    function maybeStartApplication() {
        if (!bootstrapped || !applicationReady || applicationStarted) {
            return;
        }
        applicationStarted = true;
        safeCall(thywill.application.fn, thywill.config, 'thywill.application.fn');
    }

    // ---- sending ------------------------------------------------------------------------------

    function send(data) {
        const result = sendCore(data);
        result.then(
            (confirmation) => safeCall(send.onConfirm, confirmation, 'thywill.send.onConfirm'),
            (error) => safeCall(send.onError, error, 'thywill.send.onError'));
        return result;
    }

    function sendCore(data) {
        let payload;
        try {
            payload = measure(data);
        } catch (e) {
            return Promise.reject(e);
        }
        return request('Send', [payload]).then((result) => ({ id: result.id, message: data }));
    }

    // The seed's entry point: fire and forget, answered through onConfirm / onError.
    send.fn = function (message) {
        send(message).catch(() => { });
    };
    send.onConfirm = null;
    send.onError = null;

    // ---- the object ---------------------------------------------------------------------------

    const thywill = {
        __isThywill: true,

        /** The per-client configuration, filled when the bootstrap completes. */
        config: {},

        /** The connection indicator: true (the default one), false (none), or function (state, error). */
        indicator: true,

        push: {
            onReceipt: null,
            onError: null,
        },

        send: send,

        application: {
            fn: null,
            ready: function () {
                applicationReady = true;
                maybeStartApplication();
            },
        },

        bootstrap: {
            // The seed's page called this with the configuration. Here the circuit drives the
            // bootstrap; calling it only returns the promise of the configuration.
            fn: function () {
                return readyPromise;
            },
        },

        get state() {
            return state;
        },

        ready: function () {
            return readyPromise;
        },

        on: function (name, fn) {
            const set = listeners.get(name);
            if (!set) {
                throw new Error('Unknown thywill event "' + name + '"; known: ' + eventNames.join(', '));
            }
            if (typeof fn !== 'function') {
                throw new TypeError('thywill.on needs a function');
            }
            set.add(fn);
            return thywill;
        },

        off: function (name, fn) {
            listeners.get(name)?.delete(fn);
            return thywill;
        },

        join: function (channel, options) {
            const known = positions.get(channel) || null;
            const history = !!options?.history;
            // A position is presented only where history is not asked for: a page that asks for a
            // channel's history gets all of it, whatever the tab received before a reload.
            const position = known && known.epoch && !history ? { epoch: known.epoch, offset: known.offset } : null;
            return request('Join', [String(channel), { history: history, info: options?.info ?? null, position: position }]).then((result) => {
                // With history (or a position to recover from) the messages follow through delivery,
                // which sets the position; otherwise the client starts from the channel's present.
                if (history) {
                    setPosition(result.channel, null, null, true);
                } else if (!position) {
                    setPosition(result.channel, result.epoch, result.offset);
                }
                savePositions();
                return { channel: result.channel, epoch: result.epoch, offset: result.offset, presence: result.presence || null };
            });
        },

        leave: function (channel) {
            return request('Leave', [String(channel)]).then((result) => {
                forget(result.channel);
                savePositions();
                return { channel: result.channel };
            });
        },

        call: function (name, ...args) {
            let payload;
            try {
                payload = measure(args);
            } catch (e) {
                return Promise.reject(e);
            }
            return request('Call', [String(name), payload]).then((result) => result.result ?? null);
        },

        publish: function (channel, data, options) {
            let payload;
            try {
                payload = measure(data);
            } catch (e) {
                return Promise.reject(e);
            }
            return request('Publish', [String(channel), payload, { excludeSelf: !!options?.excludeSelf }])
                .then((result) => ({ id: result.id, channel: result.channel, offset: result.offset }));
        },

        // ---- called by the circuit's root component (not for applications) ----

        _attach: function (dotnetRef, appId) {
            dotnet = dotnetRef;
            let resumeToken = null;
            let left = false;
            try {
                resumeToken = global.sessionStorage.getItem(tokenKey);
                left = global.sessionStorage.getItem(leftKey) === '1';
                global.sessionStorage.removeItem(leftKey);
            } catch {
                // Storage can be unavailable (privacy modes): the client is simply not resumable.
            }
            flushReports();
            if (appId !== applicationId) {
                return { resumeToken: null, positions: {}, left: false };
            }
            return { resumeToken: resumeToken, positions: Object.fromEntries(positions), left: left };
        },

        _ready: function (configJson, resumeToken) {
            if (failedError || bootstrapped) {
                return;
            }
            try {
                global.sessionStorage.setItem(tokenKey, resumeToken);
            } catch {
                // See _attach.
            }
            const config = JSON.parse(configJson);
            thywill.config = config;
            if (!config.resumed) {
                // A new identity: positions remembered for the old one mean nothing now.
                positions.clear();
                seen.clear();
                positionsDirty = true;
                savePositions();
            }
            const parameters = config.bootstrap_parameters || {};
            if (parameters.maxMessageBytes) {
                maxMessageBytes = parameters.maxMessageBytes;
            }
            if (parameters.maxErrorReports !== undefined) {
                maxErrorReports = parameters.maxErrorReports;
            }
            bootstrapped = true;
            clearTimeout(bootstrapTimer);
            // This page got a circuit: a later node loss may reload it again.
            try {
                global.sessionStorage.removeItem(rejectedKey);
            } catch {
                // No storage: there is no mark either.
            }
            setState('ready');
            resolveReady(config);
            maybeStartApplication();
        },

        // The node is shutting down: reload, within spreadMs so that its browsers do not all arrive
        // at once; the balancer sends the new page to another node, where the client resumes.
        _move: function (spreadMs) {
            if (!bootstrapped || state === 'moving') {
                return;
            }
            setState('moving');
            const wait = Math.floor(Math.random() * Math.max(0, Number(spreadMs) || 0));
            setTimeout(() => global.location.reload(), wait);
        },

        _fail: function (code, message) {
            fail(code, message);
        },

        // The server ends this client (an operator, or an outbox that overflowed with the
        // disconnect policy): said before the circuit closes, so the page knows why and does not
        // try to reconnect to a circuit that is going away.
        _closed: function (message) {
            if (!bootstrapped || closed) {
                return;
            }
            closed = true;
            const error = makeError('disconnected', String(message || 'The server ended this client.'));
            rejectInFlight();
            setState('disconnected', error);
            emit('error', error);
            safeCall(thywill.push.onError, error, 'thywill.push.onError');
        },

        // The server passes the batch as a JSON array (decoded already by Blazor's interop); a string
        // holding that array is accepted too.
        _deliver: function (batch) {
            if (typeof batch === 'string') {
                batch = JSON.parse(batch);
            }
            for (const item of batch) {
                if (item.type === 'presence') {
                    emit('presence', item);
                    continue;
                }
                if (item.type === 'recovery') {
                    emit('recovery', item);
                    continue;
                }
                // A batch cut off by a dropped connection is sent again: skip what already arrived.
                const last = seen.get(item.channel);
                if (last && last.epoch === item.epoch && item.offset <= last.offset) {
                    continue;
                }
                seen.set(item.channel, { epoch: item.epoch, offset: item.offset });
                setPosition(item.channel, item.epoch, item.offset);
                emit('message', item);
                safeCall(thywill.push.onReceipt, item.data, 'thywill.push.onReceipt');
            }
            savePositions();
        },

        // A Razor front end's changes to what the tab remembers (its deliveries happen on the server):
        // { channel: { epoch?, offset?, history? } | null }, null to forget the channel.
        _remember: function (json) {
            const updates = typeof json === 'string' ? JSON.parse(json) : json;
            for (const [channel, update] of Object.entries(updates || {})) {
                if (update === null) {
                    forget(channel);
                } else {
                    setPosition(channel, update.epoch, update.offset, update.history);
                }
            }
            savePositions();
        },

        _gap: function (dropped) {
            emit('error', makeError('gap', dropped + ' message(s) were dropped because this client fell behind.'));
        },
    };

    // ---- browser errors to the server log -----------------------------------------------------

    function report(kind, error, where) {
        const entry = {
            kind: kind,
            message: String(error?.message ?? error ?? '') + (where ? ' (in ' + where + ')' : ''),
            stack: error?.stack ? String(error.stack) : null,
            source: null,
            line: null,
            column: null,
        };
        send2server(entry);
        if (kind === 'callback') {
            global.console?.error?.(error);
        }
    }

    function send2server(entry) {
        if (errorReports >= maxErrorReports) {
            return;
        }
        if (!dotnet) {
            if (pendingReports.length < 20) {
                pendingReports.push(entry);
            }
            return;
        }
        errorReports++;
        dotnet.invokeMethodAsync('ReportError', entry).catch(() => { });
    }

    function flushReports() {
        while (pendingReports.length > 0) {
            send2server(pendingReports.shift());
        }
    }

    global.addEventListener('error', (event) => {
        send2server({
            kind: 'error',
            message: String(event.message || event.error?.message || 'error'),
            source: event.filename || null,
            line: event.lineno || null,
            column: event.colno || null,
            stack: event.error?.stack ? String(event.error.stack) : null,
        });
    });

    global.addEventListener('unhandledrejection', (event) => {
        const reason = event.reason;
        send2server({
            kind: 'unhandledrejection',
            message: String(reason?.message ?? reason),
            source: null,
            line: null,
            column: null,
            stack: reason?.stack ? String(reason.stack) : null,
        });
    });

    // ---- starting Blazor and following its connection -----------------------------------------

    const bootstrapTimer = setTimeout(() => {
        fail('timeout', 'The bootstrap did not complete within ' + bootstrapTimeoutMs + ' ms.');
    }, bootstrapTimeoutMs);

    // Quick at first (most drops are blips), then steady: about two minutes in all.
    const reconnectDelaysMs = [0, 250, 500, 1000, 1000, 2000, 2000].concat(new Array(38).fill(3000));

    const reconnectionHandler = {
        onConnectionDown: function () {
            if (!bootstrapped || state === 'moving' || closed) {
                return;
            }
            setState('reconnecting');
            rejectInFlight();
            reconnect();
        },
        onConnectionUp: function () {
            if (bootstrapped && state !== 'ready') {
                setState('resumed');
                setState('ready');
            }
        },
    };

    let reconnecting = false;
    async function reconnect() {
        if (reconnecting) {
            return;
        }
        reconnecting = true;
        try {
            for (const delay of reconnectDelaysMs) {
                if (delay > 0) {
                    await new Promise((resolve) => setTimeout(resolve, delay));
                }
                try {
                    const ok = await global.Blazor.reconnect();
                    if (ok) {
                        reconnectionHandler.onConnectionUp();
                        return;
                    }
                    // A server answered but has no such circuit: its node died or restarted, and
                    // the balancer sent us to another. A new page load resumes the same client
                    // there through its token, with every channel from the positions kept.
                    if (reloadForNewCircuit()) {
                        return;
                    }
                    break;
                } catch {
                    // The server is unreachable; try again after the next delay.
                }
            }
            const error = makeError('disconnected', 'The connection to the server was lost.');
            setState('disconnected', error);
            emit('error', error);
            safeCall(thywill.push.onError, error, 'thywill.push.onError');
        } finally {
            reconnecting = false;
        }
    }

    function reloadForNewCircuit() {
        try {
            const last = Number(global.sessionStorage.getItem(rejectedKey)) || 0;
            if (Date.now() - last < 60000) {
                return false;
            }
            global.sessionStorage.setItem(rejectedKey, String(Date.now()));
        } catch {
            return false; // no storage: no loop guard, so no automatic reload
        }
        setState('moving');
        global.location.reload();
        return true;
    }

    function startBlazor() {
        if (!global.Blazor || typeof global.Blazor.start !== 'function') {
            fail('start-failed', 'Blazor\'s script did not load.');
            return;
        }
        global.Blazor.start({
            circuit: {
                reconnectionHandler: reconnectionHandler,
            },
        }).catch((e) => fail('start-failed', 'Blazor could not start: ' + (e?.message || e)));
    }

    global.addEventListener('pagehide', () => {
        try {
            global.sessionStorage.setItem(leftKey, '1');
        } catch {
            // See _attach.
        }
    });
    global.addEventListener('pageshow', (e) => {
        // Back from the back-forward cache: this page is open again, and its mark no longer true.
        if (e.persisted) {
            try {
                global.sessionStorage.removeItem(leftKey);
            } catch {
                // See _attach.
            }
        }
    });

    global.thywill = thywill;

    // Blazor's script is the last resource on the page; it has run by DOMContentLoaded.
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', startBlazor, { once: true });
    } else {
        setTimeout(startBlazor, 0);
    }
})(window);
