// How the certifier suites read `go test -v` output: each top-level test's result and its own
// lines, subtests folded into their parent, a test cut short by a panic reported as missing.
import { parseGoTest } from './certifier-support.js';

const output = `2026/12/07 16:00:00 {"Gateway": "http://127.0.0.1:8080"}
=== RUN   Test_Deploy_Stronghash
--- PASS: Test_Deploy_Stronghash (0.52s)
=== RUN   Test_SecretCRUD
=== RUN   Test_SecretCRUD/from_string_value
=== RUN   Test_SecretCRUD/from_string_value/update
    secretCRUD_test.go:160: got old, wanted new
--- FAIL: Test_SecretCRUD (7.01s)
    --- FAIL: Test_SecretCRUD/from_string_value (7.01s)
        --- FAIL: Test_SecretCRUD/from_string_value/update (6.00s)
=== RUN   Test_ScaleToZero
    scaling_test.go:222: set 'idler_enabled' to test scale to zero
--- SKIP: Test_ScaleToZero (0.00s)
=== RUN   Test_Deploy_MetaData
panic: runtime error: invalid memory address or nil pointer dereference
FAIL	github.com/openfaas/certifier/tests	9.1s
`;

describe('parseGoTest', () => {
  const outcomes = parseGoTest(output);

  it('reports each top-level test once, with its result', () => {
    expect([...outcomes].map(([name, o]) => [name, o.result])).toEqual([
      ['Test_Deploy_Stronghash', 'PASS'],
      ['Test_SecretCRUD', 'FAIL'],
      ['Test_ScaleToZero', 'SKIP'],
    ]);
  });

  it("keeps a failed test's own lines, subtests included, and no other test's", () => {
    const failed = outcomes.get('Test_SecretCRUD')?.output ?? '';
    expect(failed).toContain('secretCRUD_test.go:160: got old, wanted new');
    expect(failed).toContain('--- FAIL: Test_SecretCRUD/from_string_value/update');
    expect(failed).not.toContain('Stronghash');
  });

  it('leaves out a test the binary never finished (a panic), so the suite reports it as not run', () => {
    expect(outcomes.has('Test_Deploy_MetaData')).toBe(false);
  });
});
