/**
 * Prometheus metrics (prom-client), all named `gradient_`. Loaded only when METRICS_PORT is set. Counters the
 * process keeps anyway (the scheduler's outcomes, the pacer's delays, discord.js's shards) are read when
 * scraped rather than counted twice.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export interface MetricSources {
  /** The scheduler's running totals by outcome (posted, recovered, missed, ...). */
  scheduled(): Record<string, number>;
  /** Requests the pacer made wait for their turn. */
  pacerDelayed(): number;
  /** Every shard this process runs: id, gateway ping (ms, -1 before the first heartbeat) and whether it is ready. */
  shards(): { id: number; ping: number; ready: boolean }[];
  /** The shards this machine runs (SHARD_LIST, written as ranges) and the bot's total count, once known. */
  machine(): { list: string; count: number } | undefined;
}

export class Metrics {
  readonly registry = new Registry();
  readonly #interactions: Counter<"command" | "outcome">;
  readonly #latency: Histogram<"command">;
  readonly #rateLimited: Counter;
  readonly #invalid: Counter<"status" | "route">;

  /** `labels` go on every metric: a shard process's shards, so a manager's sum keeps the processes apart. */
  constructor(sources: MetricSources, labels: Record<string, string> = {}) {
    this.registry.setDefaultLabels(labels);
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "gradient_" });
    this.#interactions = new Counter({
      name: "gradient_interactions_total",
      help: "Interactions handled, by command and outcome (ok, user_error, busy, error).",
      labelNames: ["command", "outcome"],
      registers,
    });
    this.#latency = new Histogram({
      name: "gradient_interaction_duration_seconds",
      help: "From an interaction's arrival to the end of its handler (the answer sent).",
      labelNames: ["command"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.#rateLimited = new Counter({
      name: "gradient_discord_429_total",
      help: "Responses from Discord with status 429 (discord.js waits them out and retries).",
      registers,
    });
    this.#invalid = new Counter({
      name: "gradient_discord_invalid_requests_total",
      help: "Responses from Discord with a 4xx status, by status and route (ids left out). Discord bans a bot that makes 10,000 invalid requests (401, 403, 429) in 10 minutes.",
      labelNames: ["status", "route"],
      registers,
    });
    new Counter({
      name: "gradient_scheduled_posts_total",
      help: "Scheduled posts by outcome since this process started.",
      labelNames: ["outcome"],
      registers,
      collect() {
        this.reset();
        for (const [outcome, n] of Object.entries(sources.scheduled())) this.inc({ outcome }, n);
      },
    });
    new Counter({
      name: "gradient_pacer_delayed_requests_total",
      help: "REST requests the pacer held back to stay under Discord's global limit.",
      registers,
      collect() {
        this.reset();
        this.inc(sources.pacerDelayed());
      },
    });
    new Gauge({
      name: "gradient_shards_info",
      help: "1, labelled with the shards this machine runs (machine_shards, as SHARD_LIST writes them) and the bot's total shard count.",
      labelNames: ["machine_shards", "shard_count"],
      registers,
      collect() {
        this.reset();
        const machine = sources.machine();
        if (machine) this.set({ machine_shards: machine.list, shard_count: String(machine.count) }, 1);
      },
    });
    new Gauge({
      name: "gradient_gateway_ping_seconds",
      help: "Latency of the last gateway heartbeat, per shard.",
      labelNames: ["shard"],
      registers,
      collect() {
        this.reset();
        for (const s of sources.shards()) if (s.ping >= 0) this.set({ shard: String(s.id) }, s.ping / 1000);
      },
    });
    new Gauge({
      name: "gradient_gateway_ready",
      help: "1 while a shard's gateway connection is ready, 0 while it connects, resumes or is down.",
      labelNames: ["shard"],
      registers,
      collect() {
        this.reset();
        for (const s of sources.shards()) this.set({ shard: String(s.id) }, s.ready ? 1 : 0);
      },
    });
  }

  interaction(command: string, outcome: string, seconds: number): void {
    this.#interactions.inc({ command, outcome });
    this.#latency.observe({ command }, seconds);
  }

  /**
   * One answer from Discord to any REST client of the bot. `route` is discord.js's rate-limit route, whose ids
   * and tokens are already replaced by `:id` and `:token`, so the labels stay few and hold no secret.
   */
  discordResponse(status: number, method: string, route: string): void {
    if (status === 429) this.#rateLimited.inc();
    if (status >= 400 && status < 500) this.#invalid.inc({ status: String(status), route: `${method} ${route}` });
  }
}
