/**
 * Coalesces calls made close together into one batch call, DataLoader style: callers
 * each get their own result, while the database sees one statement instead of one per
 * call. Calls are collected until the current turn of the event loop ends
 * (setImmediate), so concurrent requests or the messages of one received batch share a
 * round trip while a lone call waits for nothing. A failed batch rejects every caller
 * in it; per-item failures are the run function's to encode in its results.
 */
export function createBatcher<In, Out>(options: {
  /** Must return one result per input, in the same order. */
  run: (inputs: In[]) => Promise<Out[]>;
  maxBatchSize?: number;
}): (input: In) => Promise<Out> {
  const maxBatchSize = options.maxBatchSize ?? 100;
  const pending: { input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    while (pending.length > 0) {
      const batch = pending.splice(0, maxBatchSize);
      void runBatch(batch);
    }
  };

  async function runBatch(batch: typeof pending): Promise<void> {
    try {
      const results = await options.run(batch.map((p) => p.input));
      if (results.length !== batch.length) {
        throw new Error(`batch returned ${results.length} results for ${batch.length} inputs`);
      }
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  return (input) =>
    new Promise<Out>((resolve, reject) => {
      pending.push({ input, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}

/**
 * One batcher per owner (a Prisma client, an SQS client), created on first use, so
 * calls coalesce only with calls that would use the same connection pool, and a test's
 * short-lived client does not keep the batcher of another alive.
 */
export function batcherPerOwner<Owner extends object, In, Out>(
  make: (owner: Owner) => (input: In) => Promise<Out>,
): (owner: Owner) => (input: In) => Promise<Out> {
  const batchers = new WeakMap<Owner, (input: In) => Promise<Out>>();
  return (owner) => {
    let batcher = batchers.get(owner);
    if (!batcher) {
      batcher = make(owner);
      batchers.set(owner, batcher);
    }
    return batcher;
  };
}
