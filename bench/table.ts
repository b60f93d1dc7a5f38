/** `node bench/table.ts [results.json]`: the results as a Markdown table, for BENCHMARKS.md. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Results, rows } from './report.ts';

const path = process.argv[2] ?? fileURLToPath(new URL('results.json', import.meta.url));
const results = JSON.parse(readFileSync(path, 'utf8')) as Results;
const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|');
console.log('| figure | value: median (min–max, n) | target | |');
console.log('|---|---|---|---|');
for (const row of rows(results)) console.log(`| ${row.map(escapeCell).join(' | ')} |`);
