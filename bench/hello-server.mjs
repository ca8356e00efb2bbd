// The baselines, in the same kind of process (plain node) as the bundled Hostdesk server: a bare
// Fastify "hello" route, or (PAGE_FILE set) Fastify with @fastify/helmet sending that HTML page
// from memory, i.e. what serving the page costs without the app's own work.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import fastifyHelmet from '@fastify/helmet';

const app = Fastify({ logger: false });
if (process.env.PAGE_FILE) {
  const page = readFileSync(process.env.PAGE_FILE, 'utf8');
  await app.register(fastifyHelmet);
  app.get('/', (_request, reply) => reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page));
} else {
  app.get('/', async () => 'hello');
}
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('listening\n');
