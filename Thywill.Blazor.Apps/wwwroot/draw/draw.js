/*
 * Draw — a shared canvas on a channel. A stroke is drawn locally at once and published with
 * excludeSelf, so it reaches everyone else in the room but never comes back to its author. Joining
 * with { history: true } replays the room's recent strokes for a late joiner. Mouse, pen and touch
 * all arrive as pointer events. Coordinates are fractions of the canvas, so sizes may differ.
 */
(function () {
    'use strict';

    const room = 'draw:' + ((location.hash || '').slice(1) || 'main');
    const people = new Map();
    let canvas;
    let context;
    let current = null;
    let strokesDrawn = 0;

    function drawStroke(stroke) {
        const points = stroke.points;
        if (!Array.isArray(points) || points.length === 0) {
            return;
        }
        context.strokeStyle = stroke.color || '#000';
        context.fillStyle = stroke.color || '#000';
        context.lineWidth = stroke.width || 3;
        context.lineCap = 'round';
        context.lineJoin = 'round';
        const at = (p) => [p[0] * canvas.width, p[1] * canvas.height];
        if (points.length === 1) {
            const [x, y] = at(points[0]);
            context.beginPath();
            context.arc(x, y, context.lineWidth, 0, Math.PI * 2);
            context.fill();
        } else {
            context.beginPath();
            context.moveTo(...at(points[0]));
            for (const point of points.slice(1)) {
                context.lineTo(...at(point));
            }
            context.stroke();
        }
        strokesDrawn++;
        canvas.dataset.strokes = String(strokesDrawn);
    }

    function point(event) {
        const box = canvas.getBoundingClientRect();
        return [
            Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)),
            Math.min(1, Math.max(0, (event.clientY - box.top) / box.height)),
        ];
    }

    function finish() {
        if (!current) {
            return;
        }
        const stroke = current;
        current = null;
        drawStroke(stroke);
        thywill.publish(room, stroke, { excludeSelf: true }).catch((error) => {
            document.getElementById('draw-error').textContent = error.code + ': ' + error.message;
        });
    }

    function showPeople() {
        document.getElementById('draw-people').textContent = people.size + ' here';
    }

    thywill.on('message', (message) => {
        if (message.channel === room && message.data && typeof message.data === 'object') {
            drawStroke(message.data);
        }
    });

    thywill.on('presence', (event) => {
        if (event.channel !== room) {
            return;
        }
        if (event.action === 'leave') {
            people.delete(event.member.clientId);
        } else {
            people.set(event.member.clientId, event.member);
        }
        showPeople();
    });

    thywill.application.fn = async function () {
        const root = document.getElementById('thywill-app');
        const toolbar = document.createElement('div');
        toolbar.id = 'draw-toolbar';
        const color = Object.assign(document.createElement('input'), { id: 'draw-color', type: 'color', value: '#1f5fbf' });
        const width = Object.assign(document.createElement('input'), { id: 'draw-width', type: 'range', min: 1, max: 20, value: 4 });
        const title = Object.assign(document.createElement('strong'), { textContent: room });
        toolbar.append(title, color, width,
            Object.assign(document.createElement('span'), { id: 'draw-people' }),
            Object.assign(document.createElement('span'), { id: 'draw-error' }));
        canvas = Object.assign(document.createElement('canvas'), { id: 'draw-canvas', width: 800, height: 500 });
        context = canvas.getContext('2d');
        root.replaceChildren(toolbar, canvas);

        canvas.addEventListener('pointerdown', (event) => {
            canvas.setPointerCapture(event.pointerId);
            current = { color: color.value, width: Number(width.value), points: [point(event)] };
        });
        canvas.addEventListener('pointermove', (event) => {
            if (current && current.points.length < 2000) {
                current.points.push(point(event));
            }
        });
        canvas.addEventListener('pointerup', finish);
        canvas.addEventListener('pointercancel', finish);

        try {
            const joined = await thywill.join(room, { history: true });
            for (const member of joined.presence || []) {
                people.set(member.clientId, member);
            }
            showPeople();
            root.dataset.joined = room;
        } catch (error) {
            document.getElementById('draw-error').textContent = error.code + ': ' + error.message;
        }
    };

    thywill.application.ready();
})();
