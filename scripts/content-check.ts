import { ContentError, loadContent } from "../src/content/load.js";

try {
  const c = loadContent();
  console.log(
    `areas=${c.areas.length} topics=${c.topics.length} resources=${c.resources.length} challenges=${c.challenges.length} prompts=${c.prompts.length}`,
  );
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exit(1);
}
