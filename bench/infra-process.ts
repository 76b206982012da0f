import { startInfra } from "../scripts/stack/infra.ts";
import { resolveSettings } from "../scripts/stack/settings.ts";
import { root } from "./common.ts";

// The launcher's infrastructure (embedded PostgreSQL, the SQS/SNS emulator, maildev) in a
// process of its own, as under `npm start`, so the emulator does not share an event loop
// with the load generator. Prints one `BENCH_INFRA {env}` line when ready; SIGTERM stops it.

const log = (line: string) => process.stderr.write(`[bench infra] ${line}\n`);
const settings = resolveSettings(["start", "--no-build"], process.env, root);
const infra = await startInfra(settings, log);
process.stdout.write(`BENCH_INFRA ${JSON.stringify(infra.env)}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void infra.stop().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
