/**
 * The program a long-lived `python3 -I -S -c` child runs (lib/checks/python-checker.ts). One JSON request per stdin
 * line, {id, name, source}; one JSON answer per stdout line. It only calls compile(): the source is parsed and turned
 * into bytecode that is thrown away, never exec()'d or imported, so generated code cannot run here.
 * Every request is answered, whatever the source does to the compiler (RecursionError, MemoryError, bad text), so
 * one bad module cannot take the checker down. Kept inline (not a .py file) so bundling cannot lose it.
 */
export const PYTHON_COMPILE_SCRIPT = String.raw`
import json, sys, warnings

def check(source, name):
    error = None
    other = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            compile(source, name, "exec", dont_inherit=True)
        except SyntaxError as e:
            error = {"type": type(e).__name__, "message": str(e.msg), "line": e.lineno, "column": e.offset}
        except ValueError as e:
            error = {"type": "SyntaxError", "message": str(e), "line": None, "column": None}
        except BaseException as e:
            other = type(e).__name__ + ": " + str(e)[:500]
    found = [{"category": w.category.__name__, "message": str(w.message), "line": w.lineno} for w in caught
             if issubclass(w.category, (SyntaxWarning, DeprecationWarning))]
    return {"error": error, "warnings": found, "unchecked": other}

def main():
    read = sys.stdin.buffer.readline
    write = sys.stdout.write
    while True:
        line = read()
        if not line:
            return
        rid = None
        try:
            req = json.loads(line)
            rid = req["id"]
            answer = check(req["source"], req["name"])
        except BaseException as e:
            answer = {"error": None, "warnings": [], "unchecked": type(e).__name__ + ": " + str(e)[:500]}
        answer["id"] = rid
        write(json.dumps(answer) + "\n")
        sys.stdout.flush()

main()
`;
