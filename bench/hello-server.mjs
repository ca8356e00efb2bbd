// The baseline: a bare Fastify "hello" route in the same kind of process (plain node) as the
// bundled Hostdesk server.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => 'hello');
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('listening\n');
