// The floor under `inspect`: the least a Node program must do to size a stack's layers. Two
// worker threads walk the given dirs (readdirSync with file types, one lstatSync per regular file
// for st_size, a sum, nothing else), the dirs' top-level entries dealt to them in turn. inspect
// does this much and then merges the layers, counts what hides what, and writes the report: the
// bench times this beside `du -s` so that inspect's ratio can be read against what Node can do on
// this machine that day.
import { lstatSync, readdirSync } from "node:fs";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const THREADS = 2;

function size(dir) {
  let sum = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) sum += size(path);
    else if (entry.isFile()) sum += lstatSync(path).size;
  }
  return sum;
}

if (isMainThread) {
  const tops = process.argv.slice(2).flatMap((dir) => readdirSync(dir).map((name) => `${dir}/${name}`));
  const shares = Array.from({ length: THREADS }, (_, thread) => tops.filter((_, at) => at % THREADS === thread));
  const sums = await Promise.all(
    shares.map(
      (share) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: share });
          worker.once("message", resolve);
          worker.once("error", reject);
        }),
    ),
  );
  console.log(sums.reduce((total, sum) => total + sum, 0));
} else {
  let sum = 0;
  for (const path of workerData) sum += lstatSync(path).isDirectory() ? size(path) : lstatSync(path).size;
  parentPort.postMessage(sum);
}
