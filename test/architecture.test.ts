import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "data" ? [] : sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/**
 * Every relative import (type-only and dynamic ones too: they are arrows of the design all the same), as repo
 * paths.
 */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "commands"))]) {
    const text = readFileSync(file, "utf8");
    const imports = /(?:(?:import|export)\s[^;]*?from\s+|import\(\s*)"(\.{1,2}\/[^"]+)"/g;
    const targets = [...text.matchAll(imports)].map((m) =>
      relative(ROOT, resolve(dirname(file), (m[1] ?? "").replace(/\.js$/, ".ts"))),
    );
    graph.set(relative(ROOT, file), targets);
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one member, or a file importing itself. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const meta = new Map<string, { index: number; low: number; onStack: boolean }>();
  const found: string[][] = [];
  const visit = (node: string) => {
    const m = { index, low: index, onStack: true };
    index += 1;
    meta.set(node, m);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const seen = meta.get(next);
      if (!seen) {
        visit(next);
        m.low = Math.min(m.low, meta.get(next)?.low ?? m.low);
      } else if (seen.onStack) m.low = Math.min(m.low, seen.index);
    }
    if (m.low === m.index) {
      const component: string[] = [];
      let top: string | undefined;
      do {
        top = stack.pop();
        if (top === undefined) break;
        const t = meta.get(top);
        if (t) t.onStack = false;
        component.push(top);
      } while (top !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!meta.has(node)) visit(node);
  return found;
}

/**
 * The layers of folders, lowest first: an arrow may point within its layer or down, never up. Inside a layer the
 * folders only have to form no circle (checked below), so the order of rooms is what their imports say it is.
 */
const LAYERS: readonly { name: string; folders: readonly string[] }[] = [
  {
    // What every room builds on, knowing none of them: the config parsed once, the clock and zones, the store and
    // its tables, the content and its wording, Discord's limits and pacer, the ops server, and src/jobs, the floor
    // every timed send stands on (slots and the due rule, claim and nonce, failures, recovery, the minute tick).
    name: "foundation",
    folders: [
      "src/package-root.ts",
      "src/version.ts",
      "src/config",
      "src/errors.ts",
      "src/log.ts",
      "src/clock.ts",
      "src/random.ts",
      "src/time",
      "src/content",
      "src/format.ts",
      "src/db",
      "src/discord",
      "src/context.ts",
      "src/ops",
      "src/jobs",
      "src/images",
    ],
  },
  {
    name: "domain",
    folders: [
      "src/settings",
      "src/taxonomy",
      "src/library",
      "src/streaks",
      "src/challenges",
      "src/milestones",
      "src/schedule",
      "src/reminders",
      "src/zone-change",
      "src/privacy",
      "src/stats",
    ],
  },
  { name: "interactions", folders: ["src/interactions"] },
  { name: "commands", folders: ["commands"] },
  {
    name: "composition",
    folders: [
      "src/bot.ts",
      "src/main.ts",
      "src/deploy-commands.ts",
      "src/shard-plan.ts",
      "src/shard-manager.ts",
      "src/rest-proxy.ts",
    ],
  },
];

/** The folder a file belongs to: `src/<folder>`, `commands` (its subfolders included), or a top file itself. */
function folderOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "commands") return "commands";
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : file;
}

/** Arrows between folders, each with the first file-level import that makes it, to name it by. */
function folderArrows(files: Map<string, string[]>): Map<string, Map<string, string>> {
  const arrows = new Map<string, Map<string, string>>();
  for (const [from, targets] of files) {
    const out = arrows.get(folderOf(from)) ?? new Map<string, string>();
    arrows.set(folderOf(from), out);
    for (const to of targets) {
      const target = folderOf(to);
      if (target !== folderOf(from) && !out.has(target)) out.set(target, `${from} -> ${to}`);
    }
  }
  return arrows;
}

const named = (from: string, to: string, because: string | undefined) => `${from} -> ${to} (${because})`;

/** Every arrow inside a circle of folders, named. */
function folderCircles(files: Map<string, string[]>): string[] {
  const arrows = folderArrows(files);
  const graph = new Map([...arrows].map(([from, out]) => [from, [...out.keys()]]));
  return cycles(graph).flatMap((circle) =>
    circle.flatMap((from) =>
      [...(arrows.get(from) ?? [])]
        .filter(([to]) => circle.includes(to))
        .map(([to, because]) => named(from, to, because)),
    ),
  );
}

const layerOf = (folder: string) => LAYERS.findIndex((layer) => layer.folders.includes(folder));

/** Every arrow from a placed folder to one on a higher layer, named with both layers. */
function upwardArrows(files: Map<string, string[]>): string[] {
  return [...folderArrows(files)].flatMap(([from, out]) =>
    [...out]
      .filter(([to]) => layerOf(from) >= 0 && layerOf(to) > layerOf(from))
      .map(
        ([to, because]) =>
          `${named(from, to, because)}: ${LAYERS[layerOf(from)]?.name} imports ${LAYERS[layerOf(to)]?.name}`,
      ),
  );
}

describe("the code's shape", () => {
  const graph = importGraph();

  it("has no import circle in src/ and commands/", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("never imports from a higher layer: domain code knows nothing of interactions or commands", () => {
    const rank = (file: string) =>
      file.startsWith("commands/")
        ? 3
        : file === "src/bot.ts" || file === "src/main.ts" || file === "src/deploy-commands.ts"
          ? 4
          : file.startsWith("src/interactions/")
            ? 2
            : 1;
    const upward = [...graph].flatMap(([from, targets]) =>
      targets.filter((to) => rank(to) > rank(from)).map((to) => `${from} -> ${to}`),
    );
    expect(upward).toEqual([]);
  });

  it("finds the arrows it checks (the graph is not empty by mistake)", () => {
    expect(graph.get("commands/challenge.ts")).toContain("src/challenges/daily.ts");
    expect(
      cycles(
        new Map([
          ["a", ["b"]],
          ["b", ["a"]],
        ]),
      ),
    ).toEqual([["a", "b"]]);
  });

  it("places every folder, command and top file on one declared layer, and declares none that is gone", () => {
    const folders = new Set([...graph.keys()].map(folderOf));
    const declared = LAYERS.flatMap((layer) => layer.folders);
    expect({
      unplaced: [...folders].filter((folder) => layerOf(folder) < 0),
      gone: declared.filter((folder) => !folders.has(folder)),
      twice: declared.filter((folder, i) => declared.indexOf(folder) !== i),
    }).toEqual({ unplaced: [], gone: [], twice: [] });
  });

  it("has no import circle between folders (src/<folder>, commands and the top files)", () => {
    expect(folderCircles(graph)).toEqual([]);
  });

  it("has no folder importing from a layer above its own", () => {
    expect(upwardArrows(graph)).toEqual([]);
  });

  it("finds the folder arrows it checks, and names a planted circle and a planted upward arrow", () => {
    const arrows = folderArrows(graph);
    expect([...(arrows.get("commands")?.keys() ?? [])]).toContain("src/interactions");
    // A dynamic import is an arrow too.
    expect([...(arrows.get("src/main.ts")?.keys() ?? [])]).toContain("src/shard-manager.ts");
    for (const room of ["src/schedule", "src/reminders", "src/milestones"])
      expect([...(arrows.get(room)?.keys() ?? [])]).toContain("src/jobs");
    const planted = new Map([
      ["src/a/one.ts", ["src/b/two.ts"]],
      ["src/b/two.ts", ["src/a/three.ts"]],
      ["src/a/three.ts", []],
    ]);
    expect(folderCircles(planted).sort()).toEqual([
      "src/a -> src/b (src/a/one.ts -> src/b/two.ts)",
      "src/b -> src/a (src/b/two.ts -> src/a/three.ts)",
    ]);
    expect(upwardArrows(new Map([["src/jobs/due.ts", ["src/schedule/store.ts"]]]))).toEqual([
      "src/jobs -> src/schedule (src/jobs/due.ts -> src/schedule/store.ts): foundation imports domain",
    ]);
  });
});
