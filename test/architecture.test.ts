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

/** Every relative import (type-only ones too: they are arrows of the design all the same), as repo paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "commands"))]) {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/g)].map((m) =>
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
});
