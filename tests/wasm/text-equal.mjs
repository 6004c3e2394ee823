// The browser build's text functions (WebAssembly, utf8proc) answer as the native ones (ICU)
// on every input tests/wasm/text_expected.cpp lists.
//   node tests/wasm/text-equal.mjs BUILD/text.mjs EXPECTED.txt
import fs from 'node:fs';
import readline from 'node:readline';

const [moduleFile, expectedFile] = process.argv.slice(2);
const { default: load } = await import(new URL(moduleFile, `file://${process.cwd()}/`).href);
const wasmBinary = fs.readFileSync(moduleFile.replace(/\.mjs$/, '.wasm'));
const engine = await load({ wasmBinary });

const fromHex = (h) => (h === '-' ? new Uint8Array(0) : Uint8Array.from(h.match(/../g), (x) => parseInt(x, 16)));
const toHex = (bytes) => (bytes.length === 0 ? '-' : Buffer.from(bytes).toString('hex'));

const input = engine._malloc(64);
function apply(op, bytes) {
  engine.HEAPU8.set(bytes, input);
  const length = engine._gazette_text_apply(op, input, bytes.length);
  const at = engine._gazette_text_answer();
  return engine.HEAPU8.slice(at, at + length);
}

const names = ['fold', 'lower', 'canonical_syllable', 'nfc'];
let checked = 0;
let differ = 0;
const lines = readline.createInterface({ input: fs.createReadStream(expectedFile) });
for await (const line of lines) {
  const [inHex, ...expected] = line.split(' ');
  const bytes = fromHex(inHex);
  if (bytes.length > 64) throw new Error(`input too long: ${inHex}`);
  for (let op = 0; op < 4; op++) {
    const got = toHex(apply(op, bytes));
    if (got !== expected[op] && ++differ <= 10) {
      console.log(`${names[op]}(${inHex}): native ${expected[op]}, WebAssembly ${got}`);
    }
  }
  const visible = new TextDecoder().decode(apply(4, bytes));
  if (visible !== expected[4] && ++differ <= 10) console.log(`has_visible(${inHex}) differs`);
  checked++;
}
console.log(`text functions: ${checked} inputs, ${differ} answers differ from the native build's`);
if (checked < 50000 || differ > 0) process.exit(1);
