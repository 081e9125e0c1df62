/**
 * `npm run answers:derive [-- id …]`: re-derives every numeric checked answer by running the script that derived it
 * (scripts/answers/<script>, its last line of output is the number) and reports any that fall outside their
 * tolerance. Needs Python 3 with numpy, scikit-learn, pandas, scipy and PyTorch (CPU); it installs nothing itself:
 * before running anything it checks that the scripts' imports (and tools) are there, and if not names the Debian
 * packages to install and exits 2. Set PYTHON to choose the interpreter.
 * Slow (minutes), so not part of CI; the README records its last run.
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadContent } from "../src/content/load.js";

const SCRIPTS = fileURLToPath(new URL("./answers/", import.meta.url));
const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";
/** Generous: the slowest script (a 180-fit grid search) takes about a minute alone and several on a loaded machine. */
const TIMEOUT_MS = 600_000;
const PARALLEL = 2;

interface Result {
  id: string;
  expected: number;
  got?: number;
  seconds: number;
  status: "ok" | "outside" | "failed";
  detail?: string;
}

function run(script: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [join(SCRIPTS, script)], { stdio: ["ignore", "pipe", "pipe"], timeout: TIMEOUT_MS });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    child.on("error", (error) => resolve({ code: -1, stdout, stderr: String(error), ms: Date.now() - started }));
  });
}

const only = new Set(process.argv.slice(2));
const jobs = loadContent().challenges.flatMap((c) => {
  const a = c.answer;
  if (a?.check.type !== "number" || !a.derivation || (only.size > 0 && !only.has(c.id))) return [];
  return [{ id: c.id, script: a.derivation.script, check: a.check }];
});

/** The third-party Python modules answer scripts import, and the Debian package that provides each. */
const MODULE_PACKAGES: Record<string, string> = {
  numpy: "python3-numpy",
  scipy: "python3-scipy",
  pandas: "python3-pandas",
  sklearn: "python3-sklearn",
  joblib: "python3-joblib",
  torch: "python3-torch",
  packaging: "python3-packaging",
  pytest: "python3-pytest",
};
/** Programs a script runs through subprocess, and their Debian packages. */
const PROGRAM_PACKAGES: Record<string, string> = { git: "git" };

/** The Debian packages the scripts about to run need and this machine lacks; empty when all are there. */
function missingPackages(scripts: readonly string[]): string[] {
  const modules = new Set<string>();
  const programs = new Set<string>();
  for (const script of new Set(scripts)) {
    const text = readFileSync(join(SCRIPTS, script), "utf8");
    for (const m of text.matchAll(/^\s*(?:import|from)\s+([A-Za-z_]\w*)/gm))
      if (m[1] && m[1] in MODULE_PACKAGES) modules.add(m[1]);
    for (const program of Object.keys(PROGRAM_PACKAGES)) if (text.includes(`["${program}"`)) programs.add(program);
  }
  const probe = spawnSync(
    PYTHON,
    [
      "-c",
      "import importlib.util, sys\nfor m in sys.argv[1:]:\n    if importlib.util.find_spec(m) is None: print(m)",
      ...modules,
    ],
    { encoding: "utf8" },
  );
  if (probe.error || probe.status !== 0) return ["python3"];
  const missing = probe.stdout.split("\n").filter((m) => m in MODULE_PACKAGES);
  const packages = missing.map((m) => MODULE_PACKAGES[m] as string);
  for (const program of programs)
    if (spawnSync(program, ["--version"]).error) packages.push(PROGRAM_PACKAGES[program] as string);
  return packages.sort();
}

const missing = missingPackages(jobs.map((j) => j.script));
if (missing.length > 0) {
  console.error(
    `answers:derive installs nothing itself, and the scripts need what ${PYTHON} lacks. On Debian:\n  apt-get install ${missing.join(" ")}`,
  );
  process.exit(2);
}

const results: Result[] = [];
let next = 0;
async function worker() {
  while (next < jobs.length) {
    const job = jobs[next++];
    if (!job) break;
    const { code, stdout, stderr, ms } = await run(job.script);
    const last = stdout.trim().split("\n").at(-1)?.trim() ?? "";
    const got = Number(last);
    const base = { id: job.id, expected: job.check.value, seconds: ms / 1000 };
    if (code !== 0 || last === "" || !Number.isFinite(got)) {
      results.push({
        ...base,
        status: "failed",
        detail: (stderr.trim().split("\n").at(-1) ?? `exit ${code}`).slice(0, 160),
      });
      continue;
    }
    const off = Math.abs(got - job.check.value);
    const ok =
      (job.check.absolute !== undefined && off <= job.check.absolute + 1e-12) ||
      (job.check.relative !== undefined && off <= job.check.relative * Math.abs(job.check.value) + 1e-12);
    results.push({ ...base, got, status: ok ? "ok" : "outside" });
    process.stderr.write(ok ? "." : "!");
  }
}
await Promise.all(Array.from({ length: PARALLEL }, worker));
process.stderr.write("\n");

for (const r of results.filter((x) => x.status !== "ok").sort((a, b) => a.id.localeCompare(b.id)))
  console.log(
    `${r.status.toUpperCase()} ${r.id}: expected ${r.expected}, got ${r.got ?? "-"}${r.detail ? ` (${r.detail})` : ""}`,
  );
const count = (s: Result["status"]) => results.filter((r) => r.status === s).length;
const slowest = Math.max(0, ...results.map((r) => r.seconds));
console.log(
  `derived=${results.length} ok=${count("ok")} outside=${count("outside")} failed=${count("failed")} slowest=${slowest.toFixed(1)}s python=${PYTHON}`,
);
process.exit(count("ok") === results.length ? 0 : 1);
