// node:child_process for commander, loaded on first use. commander requires it at load time for
// one thing this program never does (run a subcommand as a separate executable), and loading it
// was a sixth of --help's own time (about 3 ms of 18 beyond `node -e 0`). scripts/build.mjs
// points commander's require of it here; every other module gets the real one.
let real;
const load = () => {
  real ??= require("node:child_process");
  return real;
};
module.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });
