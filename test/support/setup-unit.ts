import net from 'node:net';
import { vi } from 'vitest';

// The unit tier is pure functions: a test that opens a socket (HTTP, PostgreSQL, SMTP, even
// loopback) or a SQLite database belongs in the medium or integration tier, so it fails here.
net.Socket.prototype.connect = function () {
  throw new Error('Unit tests do no I/O: this test opened a socket; move it to test/ (medium or integration tier)');
} as never;

vi.mock('better-sqlite3', () => ({
  default: function openSqlite() {
    throw new Error('Unit tests do no I/O: this test opened a SQLite database; move it to test/ (medium tier)');
  },
}));
