// The floor for bench/footprint.bench.ts: a bare discord.js bot (Guilds intent, default caches) that answers
// every slash command with "pong". Plain CommonJS, run by node as Gradient's compiled entry (dist/main.cjs) is, so
// neither pays for a module loader the other is spared.
const { Client, Events, GatewayIntentBits } = require("discord.js");

// allowed_mentions as Gradient sends it: the loopback Discord refuses a message without it. Shards as Discord
// recommends, as Gradient runs them by default.
const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  shards: "auto",
  rest: { api: process.env.DISCORD_API_BASE },
  allowedMentions: { parse: [] },
});
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isChatInputCommand()) interaction.reply({ content: "pong" }).catch(() => undefined);
});
client.once(Events.ClientReady, () => console.log('{"msg":"ready"}'));
process.on("SIGTERM", () => client.destroy().then(() => process.exit(0)));
client.login(process.env.DISCORD_TOKEN);
