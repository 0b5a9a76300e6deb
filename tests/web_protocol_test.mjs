// CTest web_protocol: the wasm <-> page protocol's two sides agree (src/portal/platform/web_protocol.h
// is the single source; scripts/gen-web-protocol.mjs writes the JS side from it at build time).
// Fails when
//  - the generated web_protocol.js of the wasm build (PORTAL_WASM_BUILD_DIR) is not what the
//    header gives today (a stale or hand-edited JS side);
//  - web/*.js names a PortalProtocol value that the header does not define;
//  - a value of the header is not used by name on both sides (C++: group::kName in src/portal,
//    JS: PortalProtocol.group.Name or P.group.Name in web/), i.e. one side still passes a number;
//  - a JS call into the wasm passes a bare number where the protocol has names.
//   node tests/web_protocol_test.mjs
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, render } from '../scripts/gen-web-protocol.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const header = readFileSync(join(root, 'src/portal/platform/web_protocol.h'), 'utf8');
let passed = 0, failed = 0;
const check = (ok, what) => { if (ok) passed++; else { failed++; console.error(`FAIL: ${what}`); } };

const groups = parse(header);
const files = (dir, ext) => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
});
const js = files(join(root, 'web'), '.js').map((p) => [p, readFileSync(p, 'utf8')]);
const cpp = [...files(join(root, 'src/portal'), '.cpp'), ...files(join(root, 'src/portal'), '.h')]
  .filter((p) => !p.endsWith('web_protocol.h')).map((p) => readFileSync(p, 'utf8')).join('\n');
const allJs = js.map(([, t]) => t).join('\n');

// 1. The generated JS side is the header's.
const wasmDir = process.env.PORTAL_WASM_BUILD_DIR || join(root, 'build/wasm');
const generated = join(wasmDir, 'src/portal/web_protocol.js');
if (existsSync(generated)) check(readFileSync(generated, 'utf8') === render(groups), `${generated} is stale: rebuild the portal`);
else console.log(`note: ${generated} not built; checking the sources only`);

// 2. Every name the JS uses exists in the header.
for (const [path, text] of js) {
  for (const m of text.matchAll(/\bP(?:ortalProtocol)?\.(\w+)\.(\w+)/g)) {
    check(groups[m[1]] && m[2] in groups[m[1]], `${path}: ${m[0]} is not in web_protocol.h`);
  }
}

// 3. Every value is used by name on both sides.
for (const [group, values] of Object.entries(groups)) {
  for (const name of Object.keys(values)) {
    check(new RegExp(`\\b${group}::k${name}\\b`).test(cpp), `C++ never says ${group}::k${name}`);
    check(new RegExp(`\\bP(?:ortalProtocol)?\\.${group}\\.${name}\\b`).test(allJs), `JS never says PortalProtocol.${group}.${name}`);
  }
}

// 4. No bare numbers where names exist.
for (const [path, text] of js) {
  for (const fn of ['_portal_on_pointer', '_portal_on_key_tap', '_portal_field_submit']) {
    const bare = text.match(new RegExp(`${fn}\\(\\s*-?\\d`, 'g'));
    check(!bare, `${path}: ${fn} called with a bare number`);
  }
}

// 5. The parser refuses what it cannot read (a value the generator would silently drop).
let threw = false;
try { parse('namespace portal::web_protocol {\nnamespace x {\nconstexpr int kA = 1 + 2;\n}  // namespace x\n}'); } catch { threw = true; }
check(threw, 'the generator accepts a line it cannot read');

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
