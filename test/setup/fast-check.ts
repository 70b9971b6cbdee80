// FC_SEED fixes fast-check's seed for every property (CI sets it, so a run can be repeated exactly);
// without it each run explores new cases and a failure prints the seed that reproduces it.
import fc from "fast-check";

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== "") {
  const n = Number(seed);
  if (!Number.isInteger(n)) throw new Error(`FC_SEED must be an integer, got "${seed}"`);
  fc.configureGlobal({ seed: n });
}
