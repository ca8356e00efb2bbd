import net from 'node:net';

// Tests talk to loopback only: a connection anywhere else is a bug in the test (or the app).
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: any[]) {
  const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
  const host: string | undefined = options.host;
  if (!options.path && host && !['127.0.0.1', 'localhost', '::1'].includes(host) && !host.startsWith('127.')) {
    throw new Error(`Test tried to reach ${host}; only loopback is allowed`);
  }
  return (originalConnect as any).apply(this, args);
} as any;
