import { execFile } from "node:child_process";
import { chmodSync, cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { countsOf, sizeProblems, TARGETS, topicProblems } from "../scripts/content-targets.js";
import {
  type Content,
  ContentError,
  crossCheck,
  DEFAULT_CONTENT_DIR,
  loadContent,
  loadShippedContent,
  writeContentSnapshot,
} from "../src/content/load.js";
import { type Challenge, LEVELS, type Level, type Topic, type WeeklyPrompt } from "../src/content/schema.js";
import { checkEmbed, checkMessage } from "../src/discord/message-limits.js";
import { catalogOf } from "../src/taxonomy/catalog.js";
import { checkRenderedContent } from "../src/taxonomy/check.js";
import {
  renderAreasView,
  renderAreaView,
  renderChallengeEmbed,
  renderPromptEmbed,
  renderResourcePick,
  renderTopicCard,
} from "../src/taxonomy/render.js";
import { ROOT, tempDir } from "./support/harness.js";

const run = promisify(execFile);
const content = loadContent();
const withMentions = (body: object) => ({ ...body, allowed_mentions: { parse: [] } });

/** Every resource the seed articles name, with its stable id and official page. */
const SEED_RESOURCES = [
  [
    "elements-of-statistical-learning",
    "The Elements of Statistical Learning",
    "https://hastie.su.domains/ElemStatLearn/",
  ],
  [
    "mml-linear-algebra-coursera",
    "Mathematics for Machine Learning: Linear Algebra",
    "https://www.coursera.org/learn/linear-algebra-machine-learning",
  ],
  [
    "andrew-ng-machine-learning-specialization",
    "Machine Learning Specialization",
    "https://www.coursera.org/specializations/machine-learning-introduction",
  ],
  ["deep-learning-book", "Deep Learning", "https://www.deeplearningbook.org/"],
  ["fastai-practical-deep-learning", "Practical Deep Learning for Coders", "https://course.fast.ai/"],
  ["attention-is-all-you-need", "Attention Is All You Need", "https://arxiv.org/abs/1706.03762"],
  ["illustrated-transformer", "The Illustrated Transformer", "https://jalammar.github.io/illustrated-transformer/"],
  ["illustrated-bert", "The Illustrated BERT, ELMo, and co.", "https://jalammar.github.io/illustrated-bert/"],
  ["cs224n", "CS224n: Natural Language Processing with Deep Learning", "https://web.stanford.edu/class/cs224n/"],
  ["project-euler", "Project Euler", "https://projecteuler.net/"],
  ["leetcode", "LeetCode", "https://leetcode.com/"],
  [
    "introduction-to-algorithms-clrs",
    "Introduction to Algorithms (4th ed.)",
    "https://mitpress.mit.edu/9780262046305/introduction-to-algorithms/",
  ],
  [
    "machine-learning-yearning",
    "Machine Learning Yearning",
    "https://www.deeplearning.ai/wp-content/uploads/2021/01/andrew-ng-machine-learning-yearning.pdf",
  ],
  ["cs329s-ml-systems-design", "CS 329S: Machine Learning Systems Design", "https://stanford-cs329s.github.io/"],
] as const;

describe("the shipped content", () => {
  it("passes the schema, reference and coverage checks with the issue's minimum sizes", () => {
    expect(crossCheck(content)).toEqual([]);
    expect(content.areas.length).toBeGreaterThanOrEqual(10);
    expect(content.topics.length).toBeGreaterThanOrEqual(45);
    expect(content.resources.length).toBeGreaterThanOrEqual(80);
    expect(content.challenges.length).toBeGreaterThanOrEqual(180);
    expect(content.prompts.length).toBeGreaterThanOrEqual(52);
  });

  it("has at least 3 challenges per topic and every level in every area", () => {
    const catalog = catalogOf(content);
    for (const topic of content.topics)
      expect(catalog.challengesOf(topic.id).length, topic.id).toBeGreaterThanOrEqual(3);
    for (const area of content.areas) {
      const levels = new Set(catalog.topicsOf(area.id).flatMap((t) => catalog.challengesOf(t.id).map((c) => c.level)));
      expect([...levels].sort(), area.id).toEqual([...LEVELS].sort());
    }
  });

  it("includes every resource the seed articles name, at its official page", () => {
    const catalog = catalogOf(content);
    for (const [id, title, url] of SEED_RESOURCES) {
      expect(catalog.resource(id), id).toMatchObject({ title, url });
    }
    expect(catalog.resource("deep-learning-book")?.authors).toMatch(/Goodfellow.*Bengio.*Courville/);
    expect(catalog.resource("andrew-ng-machine-learning-specialization")?.authors).toMatch(/Andrew Ng/);
    expect(catalog.resource("fastai-practical-deep-learning")?.authors).toMatch(/fast\.ai/);
  });

  it("renders every item through the bot's renderers within Discord's limits", () => {
    expect(checkRenderedContent(content)).toEqual([]);
  });

  it("fits every challenge card, weekly prompt, resource card and topic card in one message", () => {
    for (const challenge of content.challenges) {
      expect(checkEmbed(renderChallengeEmbed(challenge, content)).problems, challenge.id).toEqual([]);
    }
    for (const prompt of content.prompts) {
      expect(checkMessage(withMentions({ embeds: [renderPromptEmbed(prompt, content)] })), prompt.id).toEqual([]);
    }
    for (const resource of content.resources) {
      const view = renderResourcePick(resource, content, {
        filters: { topic: resource.topics[0], kind: resource.kind, level: resource.level, free: resource.free },
        poolSize: content.resources.length,
        seenThisRound: content.resources.length - 1,
      });
      expect(checkMessage(withMentions(view)), resource.id).toEqual([]);
    }
    for (const topic of content.topics) {
      expect(checkMessage(withMentions(renderTopicCard(topic, content))), topic.id).toEqual([]);
    }
    for (const area of content.areas)
      expect(checkMessage(withMentions(renderAreaView(area, content))), area.id).toEqual([]);
    expect(checkMessage(withMentions(renderAreasView(content)))).toEqual([]);
  });
});

describe("the rendered-content check", () => {
  const tweak = (change: (c: Content) => Content) => checkRenderedContent(change(structuredClone(content) as Content));

  it("names a topic whose card no longer fits, and a challenge whose task gets cut", () => {
    const longWhy = tweak((c) => {
      const topics = c.topics.map((t, i) => (i === 0 ? { ...t, why: "x".repeat(1100) } : t));
      return { ...c, topics };
    });
    expect(longWhy.some((p) => p.startsWith(`topic '${content.topics[0]?.id}'`))).toBe(true);
    const longTask = tweak((c) => ({
      ...c,
      challenges: c.challenges.map((ch, i) => (i === 0 ? { ...ch, task: `${"word ".repeat(900)}end` } : ch)),
    }));
    expect(longTask).toContainEqual(expect.stringMatching(new RegExp(`^challenge '${content.challenges[0]?.id}': `)));
  });

  it("names an area with more topics than a select menu can hold", () => {
    const crowded = tweak((c) => {
      const area = c.areas[0]?.id ?? "";
      const extra = Array.from({ length: 26 }, (_, i) => ({
        ...(c.topics[0] as Content["topics"][number]),
        id: `extra-${i}`,
        area,
        name: `Extra ${i}`,
      }));
      return { ...c, topics: [...c.topics, ...extra] };
    });
    expect(crowded).toContainEqual(expect.stringMatching(new RegExp(`^area '${content.areas[0]?.id}': .*25`)));
  });
});

describe("the challenge card renderer", () => {
  it("shows area and topic, level, task, done-when, minutes and linked resources", () => {
    const challenge = content.challenges.find((c) => c.resources.length >= 2) ?? content.challenges[0];
    if (!challenge) throw new Error("no challenges");
    const catalog = catalogOf(content);
    const topic = catalog.topic(challenge.topic);
    const area = catalog.area(topic?.area ?? "");
    const embed = renderChallengeEmbed(challenge, content);
    const field = (name: string) => embed.fields?.find((f) => f.name === name)?.value;
    expect(embed.title).toBe(challenge.title);
    expect(embed.description).toBe(challenge.task);
    expect(field("Area and topic")).toBe(`${area?.emoji} ${area?.name} › ${topic?.name}`);
    expect(field("Level")).toMatch(new RegExp(challenge.level, "i"));
    expect(field("Time")).toBe(`about ${challenge.minutes} minutes, setup included`);
    expect(challenge.doneWhen).toContain(field("Done when") ?? "missing");
    for (const id of challenge.resources) expect(field("Resources")).toContain(catalog.resource(id)?.url);
    // Pure: the same input gives the same card, and the content is not touched.
    expect(renderChallengeEmbed(challenge, content)).toEqual(embed);
  });
});

describe("npm run content:check", () => {
  it("prints the counts as its last line when the content is sound", async () => {
    const { stdout } = await run("npm", ["run", "--silent", "content:check"], { cwd: ROOT });
    const last = stdout.trim().split("\n").at(-1);
    const c = content.challenges;
    expect(last).toBe(
      `areas=${content.areas.length} topics=${content.topics.length} resources=${content.resources.length} challenges=${c.length} answers=${c.filter((x) => x.answer).length} short=${c.filter((x) => x.minutes <= 30).length} hints=${c.filter((x) => x.hints.length > 0).length} prompts=${content.prompts.length}`,
    );
  });

  it("exits 1 naming the item when one breaks a rule", async () => {
    const dir = tempDir();
    cpSync(DEFAULT_CONTENT_DIR, dir.path, { recursive: true });
    const file = join(dir.path, "prompts.json");
    const prompts = JSON.parse(readFileSync(file, "utf8")) as { id: string; resources: string[] }[];
    const broken = prompts[3] as { id: string; resources: string[] };
    broken.resources = ["no-such-resource"];
    writeFileSync(file, JSON.stringify(prompts));
    const failure = await run("npx", ["tsx", "scripts/content-check.ts", dir.path], { cwd: ROOT }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    dir.remove();
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain(`prompt '${broken.id}' names unknown resource 'no-such-resource'`);
  });
});

describe("the library's v2 rules, on a copy with one thing broken", () => {
  /** A copy of the shipped library with `change` applied to one challenges file; the loader's problems. */
  function problemsAfter(
    change: (challenges: Record<string, unknown>[], resources: Record<string, unknown>[]) => void,
  ) {
    const dir = tempDir();
    try {
      cpSync(DEFAULT_CONTENT_DIR, dir.path, { recursive: true });
      const challengesFile = join(dir.path, "challenges", "areas-01-04.json");
      const resourcesFile = join(dir.path, "resources", "core.json");
      const challenges = JSON.parse(readFileSync(challengesFile, "utf8"));
      const resources = JSON.parse(readFileSync(resourcesFile, "utf8"));
      change(challenges, resources);
      writeFileSync(challengesFile, JSON.stringify(challenges));
      writeFileSync(resourcesFile, JSON.stringify(resources));
      loadContent(dir.path);
      return [];
    } catch (error) {
      return (error as { problems?: string[] }).problems ?? [String(error)];
    } finally {
      dir.remove();
    }
  }

  it("refuses a challenge that does not say what it requires", () => {
    const problems = problemsAfter((challenges) => {
      delete challenges[0]?.requires;
    });
    expect(problems.join("\n")).toMatch(/at 0\.requires: .*\(item '[a-z0-9-]+'\)/);
  });

  it("refuses a checked answer without its worked explanation", () => {
    const problems = problemsAfter((challenges) => {
      const withAnswer = challenges.find((c) => c.answer) as { answer: Record<string, unknown> };
      delete withAnswer.answer.explanation;
    });
    expect(problems.join("\n")).toMatch(/answer\.explanation/);
  });

  it("refuses the same page linked twice, even as http or with www.", () => {
    const problems = problemsAfter((_, resources) => {
      const first = resources[0] as { url: string };
      const copy = { ...resources[1], url: first.url.replace("https://", "http://www.").replace("www.www.", "www.") };
      resources.push({ ...copy, id: "a-second-copy", httpOnly: true });
    });
    expect(problems.join("\n")).toMatch(/duplicate resource url/);
  });
});

describe("the build's snapshot of the shipped library", () => {
  it("serves exactly the validated library while the files match, and validates again once one is edited", () => {
    const dir = tempDir();
    const data = join(dir.path, "data");
    const snapshot = join(dir.path, "content.json");
    cpSync(DEFAULT_CONTENT_DIR, data, { recursive: true });
    try {
      writeContentSnapshot(data, snapshot);
      expect(loadShippedContent(data, snapshot)).toEqual(loadContent(data));

      const file = join(data, "prompts.json");
      const prompts = JSON.parse(readFileSync(file, "utf8")) as { id: string; title: string; resources: string[] }[];
      (prompts[0] as { title: string }).title = "An edited title";
      writeFileSync(file, JSON.stringify(prompts));
      expect(loadShippedContent(data, snapshot).prompts[0]?.title).toBe("An edited title");

      (prompts[0] as { resources: string[] }).resources = ["no-such-resource"];
      writeFileSync(file, JSON.stringify(prompts));
      expect(() => loadShippedContent(data, snapshot)).toThrow(ContentError);
    } finally {
      dir.remove();
    }
  });
});

describe("the library's v3 targets", () => {
  const topic = (id: string): Topic => ({
    id,
    area: "classical-ml",
    name: id,
    aliases: [],
    summary: "A topic made up for this test.",
    why: "It only exists to exercise the rules.",
  });
  const challenge = (id: string, topicId: string, level: Level, minutes: number): Challenge => ({
    id,
    topic: topicId,
    level,
    title: `Challenge ${id}`,
    task: "Do the thing this test describes.",
    doneWhen: "Done when the thing is done.",
    minutes,
    resources: [],
    requires: [],
    hints: ["A hint that helps a little."],
  });
  const prompt = (id: string, theme: string): WeeklyPrompt => ({
    id,
    theme,
    title: `Prompt ${id}`,
    question: "What would you do about it?",
    project: "Build the small thing and post it.",
    resources: ["some-resource"],
  });
  /** One topic that meets every per-topic rule: six challenges, a short one at each level, and its own prompt. */
  const sound = () => ({
    topics: [topic("alpha")],
    challenges: [
      ...LEVELS.map((level, i) => challenge(`short-${i}`, "alpha", level, 30)),
      ...LEVELS.map((level, i) => challenge(`long-${i}`, "alpha", level, 60)),
    ],
    prompts: [prompt("week-alpha", "alpha")],
  });

  it("accepts a topic with six challenges, a short one at each level and a prompt of its own", () => {
    expect(topicProblems(sound())).toEqual([]);
  });

  it("names a topic with fewer than six challenges", () => {
    const library = sound();
    library.challenges.pop();
    expect(topicProblems(library)).toEqual([
      `topic 'alpha' has 5 challenge(s); every topic needs at least ${TARGETS.challengesPerTopic}`,
    ]);
  });

  it("names a topic whose only advanced challenges take more than 30 minutes", () => {
    const library = sound();
    library.challenges = library.challenges.map((c) => (c.id === "short-2" ? { ...c, minutes: 31 } : c));
    expect(topicProblems(library)).toEqual(["topic 'alpha' has no advanced challenge of 30 minutes or less"]);
  });

  it("names a topic without a weekly prompt of its own, even when its area has one", () => {
    const library = sound();
    library.prompts = [prompt("week-area", "classical-ml")];
    expect(topicProblems(library)).toEqual(["topic 'alpha' has no weekly prompt of its own"]);
  });

  it("names every size below its target, and passes a library at its targets", () => {
    const atTargets = {
      areas: 13,
      topics: TARGETS.topics,
      resources: TARGETS.resources,
      challenges: TARGETS.challenges,
      answers: TARGETS.answers,
      short: Math.ceil(TARGETS.challenges * TARGETS.shortShare),
      hints: TARGETS.challenges,
      prompts: TARGETS.prompts,
    };
    expect(sizeProblems(atTargets)).toEqual([]);
    const below = sizeProblems({
      ...atTargets,
      topics: 69,
      resources: 519,
      challenges: 499,
      answers: 259,
      short: 224,
      hints: 498,
      prompts: 114,
    });
    expect(below).toEqual([
      "challenges=499 is below the target of 500",
      "answers=259 is below the target of 260",
      "resources=519 is below the target of 520",
      "prompts=114 is below the target of 115",
      "topics=69 is below the target of 70",
      "short=224 is below the target of 225 (45% of 499 challenges)",
      "hints=498 is below the target of 499 (every challenge)",
    ]);
  });

  it("counts answers, short challenges and hints the way the targets read them", () => {
    const library = sound();
    const counts = countsOf({ areas: [], resources: [], ...library });
    expect(counts).toMatchObject({ challenges: 6, short: 3, answers: 0, hints: 6, prompts: 1, topics: 1 });
  });

  it("content:check --targets on a copy fails naming the topic without a prompt, and still prints the counts", async () => {
    const dir = tempDir();
    cpSync(DEFAULT_CONTENT_DIR, dir.path, { recursive: true });
    const file = join(dir.path, "prompts.json");
    const prompts = JSON.parse(readFileSync(file, "utf8")) as { theme: string }[];
    const theme = "vector-search";
    writeFileSync(file, JSON.stringify(prompts.filter((p) => p.theme !== theme)));
    const result = await run("npx", ["tsx", "scripts/content-check.ts", dir.path, "--targets"], { cwd: ROOT }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    dir.remove();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`topic '${theme}' has no weekly prompt of its own`);
    expect(result.stdout.trim().split("\n").at(-1)).toMatch(/^areas=\d+ topics=\d+ resources=\d+ challenges=\d+ /);
  });
});

describe("npm run answers:derive", () => {
  const derive = (python: string, ids: string[]) =>
    run("npx", ["tsx", "scripts/derive-answers.ts", ...ids], {
      cwd: ROOT,
      env: { ...process.env, PYTHON: python },
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );

  it("installs nothing and names the Debian packages the scripts need when the interpreter lacks them", async () => {
    const dir = tempDir();
    // An interpreter that finds none of the modules it is asked about: `python -c <probe> module...` echoes them back.
    const bare = join(dir.path, "python-without-modules");
    writeFileSync(bare, `#!/bin/sh\nshift 2\nfor m in "$@"; do echo "$m"; done\n`);
    chmodSync(bare, 0o755);
    const result = await derive(bare, ["probability-birthday-23-people", "sequence-models-padding-waste"]);
    dir.remove();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("apt-get install python3-numpy python3-torch");
  });

  it("names python3 when there is no interpreter at all", async () => {
    const result = await derive("/nonexistent/python3", ["probability-birthday-23-people"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("apt-get install python3");
  });
});
