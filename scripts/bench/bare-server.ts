/** The HTTP baseline: a bare Koa app answering 200, in a process of its own like the bot's server. */
import Koa from 'koa';

const koa = new Koa();
koa.use((ctx) => {
  ctx.body = 'ok';
});
const server = koa.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'bot started', address: server.address() }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
