import { describe, expect, it } from "vitest";
import { batcherPerOwner, createBatcher } from "./create-batcher.ts";

describe("createBatcher", () => {
  it("runs calls made in the same turn as one batch and gives each caller its own result", async () => {
    const batches: number[][] = [];
    const double = createBatcher<number, number>({
      run: async (inputs) => {
        batches.push(inputs);
        return inputs.map((n) => n * 2);
      },
    });
    const results = await Promise.all([double(1), double(2), double(3)]);
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("starts a new batch for calls made after the previous one was sent", async () => {
    const batches: number[][] = [];
    const echo = createBatcher<number, number>({
      run: async (inputs) => {
        batches.push(inputs);
        return inputs;
      },
    });
    await echo(1);
    await Promise.all([echo(2), echo(3)]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it("splits batches at maxBatchSize", async () => {
    const sizes: number[] = [];
    const echo = createBatcher<number, number>({
      maxBatchSize: 2,
      run: async (inputs) => {
        sizes.push(inputs.length);
        return inputs;
      },
    });
    expect(await Promise.all([1, 2, 3, 4, 5].map(echo))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it("rejects every caller of a failed batch and recovers for the next one", async () => {
    let fail = true;
    const flaky = createBatcher<number, number>({
      run: async (inputs) => {
        if (fail) throw new Error("database down");
        return inputs;
      },
    });
    const outcomes = await Promise.allSettled([flaky(1), flaky(2)]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await flaky(3)).toBe(3);
  });

  it("rejects when the run function returns the wrong number of results", async () => {
    const broken = createBatcher<number, number>({ run: async () => [1] });
    await expect(Promise.all([broken(1), broken(2)])).rejects.toThrow("1 results for 2 inputs");
  });
});

describe("batcherPerOwner", () => {
  it("batches calls for the same owner together and keeps owners apart", async () => {
    const batches: string[][] = [];
    const forOwner = batcherPerOwner((owner: { name: string }) =>
      createBatcher<number, string>({
        run: async (inputs) => {
          batches.push(inputs.map((n) => `${owner.name}${n}`));
          return inputs.map((n) => `${owner.name}${n}`);
        },
      }),
    );
    const a = { name: "a" };
    const b = { name: "b" };
    expect(forOwner(a)).toBe(forOwner(a));
    expect(await Promise.all([forOwner(a)(1), forOwner(b)(1), forOwner(a)(2)])).toEqual(["a1", "b1", "a2"]);
    expect(batches).toEqual([["a1", "a2"], ["b1"]]);
  });
});
