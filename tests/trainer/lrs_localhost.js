// Preloaded into the LRS (node --require): its server listens on every
// interface by default; for a test it must listen on 127.0.0.1 only.
'use strict';
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
    if (typeof args[0] === 'number' || typeof args[0] === 'string' && /^\d+$/.test(args[0]))
        return listen.call(this, Number(args[0]), '127.0.0.1',
            ...args.slice(1).filter((a) => typeof a === 'function'));
    return listen.apply(this, args);
};
