/**
 * A keyed job queue: at most `concurrency` jobs run at once, and a job whose key is already queued or running is
 * joined, never run twice. It knows nothing of what a job does (scheduled posts and reminders, through
 * src/jobs/minute-ticker.ts).
 */
export interface JobQueueOptions<J, R> {
  concurrency: number;
  run: (job: J) => Promise<R>;
  /** The result of a job whose run threw. */
  onError: (error: unknown, job: J) => R;
  /** The result of a job that stop() dropped before it started, or that came after it. */
  stopped: () => R;
}

export class JobQueue<K, J, R> {
  readonly #options: JobQueueOptions<J, R>;
  /** Queued and running jobs by key; a job leaves once its result is settled. */
  readonly #inflight = new Map<K, Promise<R>>();
  readonly #waiting: { job: J; resolve: (result: R) => void }[] = [];
  #active = 0;
  #stopping = false;
  #idleWaiters: (() => void)[] = [];

  constructor(options: JobQueueOptions<J, R>) {
    this.#options = options;
  }

  /** True once stop() was called: new jobs are refused. */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** The result of the job queued or running under `key`, if there is one. */
  running(key: K): Promise<R> | undefined {
    return this.#inflight.get(key);
  }

  /** Queues `job` under `key`, or joins the job already queued or running under it. */
  enqueue(key: K, job: J): Promise<R> {
    const running = this.#inflight.get(key);
    if (running) return running;
    if (this.#stopping) return Promise.resolve(this.#options.stopped());
    const promise = new Promise<R>((resolve) => this.#waiting.push({ job, resolve }));
    this.#inflight.set(key, promise);
    promise.then(() => {
      this.#inflight.delete(key);
      if (this.#inflight.size === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
    });
    this.#drain();
    return promise;
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.#inflight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Drops what has not started, refuses new jobs, and resolves once the running ones have settled. */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const { resolve } of this.#waiting.splice(0)) resolve(this.#options.stopped());
    await Promise.allSettled(this.#inflight.values());
  }

  #drain(): void {
    while (this.#active < this.#options.concurrency && this.#waiting.length > 0) {
      const next = this.#waiting.shift();
      if (!next) break;
      this.#active += 1;
      this.#start(next.job)
        .catch((error: unknown) => this.#options.onError(error, next.job))
        .then((result) => {
          this.#active -= 1;
          next.resolve(result);
          this.#drain();
        });
    }
  }

  /** A run that throws before returning its promise fails its job like any other error. */
  #start(job: J): Promise<R> {
    try {
      return this.#options.run(job);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
