// Hashes query keys with TanStack Query's own hashKey, for QueryKeyTanStackTest.
// node hash-keys.mjs <in> <out>: <in> has one key a line (JSON); <out> gets, for each, the hash as
// a JSON string, or {"error": message} when hashKey throws.
import { readFileSync, writeFileSync } from 'node:fs';
import { hashKey } from '@tanstack/query-core';

const [input, output] = process.argv.slice(2);
const lines = readFileSync(input, 'utf8').split('\n').filter((line) => line.length > 0);
const hashes = lines.map((line) => {
  try {
    return JSON.stringify(hashKey(JSON.parse(line)));
  } catch (error) {
    return JSON.stringify({ error: String(error) });
  }
});
writeFileSync(output, hashes.join('\n') + '\n');
