// restify as the bot loads it (bot/restify.ts: without spdy, whose http-deceiver makes Node warn DEP0111).
import restify from '../../bot/restify';

// The floor: a bare restify endpoint that parses the activity and answers JSON, nothing else.
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  const activity = req.body as { text?: string; conversation?: { id?: string } };
  res.send(200, { activities: [{ type: 'message', text: activity.text ?? '', conversation: activity.conversation }] });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
