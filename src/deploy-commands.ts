import { REST } from "discord.js";
import {
  type RESTGetCurrentApplicationResult,
  type RESTPutAPIApplicationCommandsResult,
  Routes,
} from "discord-api-types/v10";
import { ConfigError, parseConfig, readEnvironment } from "./config/index.js";
import { checkCommandList } from "./discord/command-limits.js";
import { loadCommands } from "./interactions/loader.js";

/**
 * Registers every command in commands/: to DEV_GUILD_ID when set (instant, for development), else globally.
 * `--dry-run` prints the JSON body it would PUT and touches no network.
 */
const dryRun = process.argv.includes("--dry-run");
const env = readEnvironment();
const commands = await loadCommands();
const body = [...commands.values()].map((c) => c.data);
const problems = checkCommandList(body);
if (problems.length > 0) {
  console.error(`The commands break Discord's limits:\n  - ${problems.join("\n  - ")}`);
  process.exit(1);
}

if (dryRun) {
  const scope = env.DEV_GUILD_ID ? `guild ${env.DEV_GUILD_ID}` : "global";
  console.error(`Dry run: ${body.length} commands would be registered (${scope}). Body:`);
  console.log(JSON.stringify(body, null, 2));
  process.exit(0);
}

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(
    `Cannot deploy commands: the configuration is invalid.\n${error.lines.map((l) => `  ${l}`).join("\n")}`,
  );
  process.exit(1);
}

const rest = new REST({ api: config.DISCORD_API_BASE }).setToken(config.DISCORD_TOKEN);
try {
  const application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  const route = config.DEV_GUILD_ID
    ? Routes.applicationGuildCommands(application.id, config.DEV_GUILD_ID)
    : Routes.applicationCommands(application.id);
  const result = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  const where = config.DEV_GUILD_ID ? `guild ${config.DEV_GUILD_ID}` : "globally (may take up to an hour to appear)";
  console.log(`Registered ${result.length} commands ${where}: ${result.map((c) => `/${c.name}`).join(", ")}`);
} catch (error) {
  console.error(`Discord refused the commands: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
