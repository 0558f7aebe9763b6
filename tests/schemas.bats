load helpers
# tests/run: once

# schemas.bats - the data contract: every schema in schemas/ is itself
# valid, keeps the conventions of schemas/README.md, accepts its valid
# fixtures and rejects its invalid ones with the expected messages; and the
# checkers (tests/schema/check_json.py, check_table.py) are shown to fail
# where they must.
#
# Fixtures: tests/fixtures/schemas/NAME/valid/* must pass schemas/NAME.json;
# tests/fixtures/schemas/NAME/invalid/F must fail it, printing exactly
# F.out (run from that directory).  _checker/ holds schemas of its own for
# the checkers' features.

PY=/usr/bin/python3
SCHEMAS=$ROOT/schemas
FX=$ROOT/tests/fixtures/schemas
CHK=$ROOT/tests/schema

# checker SCHEMA: prints the checker for a schema file: check_table.py for
# a Table Schema (it has "fields"), check_json.py for a JSON Schema.
checker() {
	if $PY -c 'import json, sys; sys.exit("fields" not in json.load(open(sys.argv[1])))' "$1"; then
		echo "$CHK/check_table.py"
	else
		echo "$CHK/check_json.py"
	fi
}

# fixture_dirs: the fixture directories whose schema exists.
fixture_dirs() {
	local d
	for d in "$FX"/*/; do
		d=${d%/}
		[ -e "$SCHEMAS/${d##*/}.json" ] && echo "$d"
	done
}

@test "every schema in schemas/ is a valid JSON Schema 2020-12 or Table Schema" {
	local s n=0
	for s in "$SCHEMAS"/*.json; do
		n=$((n + 1))
		echo "0 $(checker "$s") $s"
	done > "$BATS_TEST_TMPDIR/list"
	[ "$n" -ge 8 ]
	run --separate-stderr $PY "$CHK/check_many.py" < "$BATS_TEST_TMPDIR/list"
	assert_output ""
	assert_success
	[ "$stderr" = "$n checks" ]
}

@test "every JSON Schema names 2020-12 and an \$id matching its file" {
	run -0 --separate-stderr $PY - "$SCHEMAS" <<'EOF'
import glob, json, os, sys
bad = 0
for p in sorted(glob.glob(sys.argv[1] + "/*.json")):
    s = json.load(open(p))
    if "fields" in s:
        continue
    name = os.path.basename(p)
    if s.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
        print(f"{name}: $schema is not 2020-12"); bad = 1
    if s.get("$id") != "https://perfpipe.dev/schemas/" + name:
        print(f"{name}: $id is not https://perfpipe.dev/schemas/{name}"); bad = 1
sys.exit(bad)
EOF
	assert_output ""
}

@test "every property and every column of perfpipe's schemas has a description" {
	run -0 --separate-stderr $PY - "$SCHEMAS" <<'EOF'
import glob, json, os, sys
bad = []
def described(node, root):
    if "description" in node:
        return True
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        return "description" in root["$defs"][ref[8:]]
    if ref.startswith("defs.schema.json#/$defs/"):
        defs = json.load(open(os.path.join(sys.argv[1], "defs.schema.json")))
        return "description" in defs["$defs"][ref[24:]]
    return False
def walk(node, root, where):
    if isinstance(node, dict):
        for k, v in node.get("properties", {}).items():
            if not described(v, root):
                bad.append(f"{where}: property '{k}' has no description")
        for k, v in node.items():
            if k not in ("if", "then", "else", "not"):    # constraints
                walk(v, root, where)
    elif isinstance(node, list):
        for v in node:
            walk(v, root, where)
for p in sorted(glob.glob(sys.argv[1] + "/*.json")):
    s = json.load(open(p))
    name = os.path.basename(p)
    if "fields" in s:
        for f in s["fields"] + s.get("x-fieldPatterns", []):
            if not f.get("description"):
                bad.append(f"{name}: column '{f.get('name', f.get('pattern'))}' has no description")
    else:
        walk(s, s, name)
print("\n".join(bad))
EOF
	assert_output ""
}

@test "every document schema has valid and invalid fixtures" {
	local s name missing=
	for s in "$SCHEMAS"/*.json; do
		name=${s##*/}
		name=${name%.json}
		[ "$name" = defs.schema ] && continue
		ls "$FX/$name/valid/"* > /dev/null 2>&1 || missing="$missing $name/valid"
		ls "$FX/$name/invalid/"*.out > /dev/null 2>&1 || missing="$missing $name/invalid"
	done
	[ -z "$missing" ] || { echo "no fixtures:$missing"; false; }
}

@test "every valid fixture passes its schema" {
	local d s c f n=0 list=$BATS_TEST_TMPDIR/list
	# One Python for all the checks (tests/schema/check_many.py).
	for d in $(fixture_dirs); do
		s=$SCHEMAS/${d##*/}.json
		c=$(checker "$s")
		for f in "$d"/valid/*; do
			n=$((n + 1))
			echo "0 $c $s $f"
		done
	done > "$list"
	[ "$n" -ge 15 ]
	run --separate-stderr $PY "$CHK/check_many.py" < "$list"
	assert_output ""
	assert_success
	[ "$stderr" = "$n checks" ]
}

@test "every invalid fixture fails its schema with the expected messages" {
	local d s c f n=0 list=$BATS_TEST_TMPDIR/list
	for d in $(fixture_dirs); do
		s=$SCHEMAS/${d##*/}.json
		c=$(checker "$s")
		cd "$d/invalid"
		for f in *; do
			case $f in *.out) continue ;; esac
			[ -e "$f.out" ] || { echo "$d/invalid/$f: no $f.out"; false; }
			n=$((n + 1))
			# Run from the fixture's directory: messages name the file as given.
			echo "cd $d/invalid" >> "$list"
			echo "1 $c $s $f" >> "$list"
		done
	done
	[ "$n" -ge 40 ]
	run --separate-stderr $PY "$CHK/check_many.py" < "$list"
	assert_output ""
	assert_success
	[ "$stderr" = "$n checks" ]
}

@test "every expected-message file has its invalid fixture" {
	local o orphans=
	for o in "$FX"/*/invalid/*.out; do
		[ -e "${o%.out}" ] || orphans="$orphans ${o#$FX/}"
	done
	[ -z "$orphans" ] || { echo "orphans:$orphans"; false; }
}

# The failures the contract most needs caught, one by one (also in the
# loops above, here with their messages in plain sight).

@test "check_json: a missing required field fails" {
	cd "$FX/findings.schema/invalid"
	run -1 --separate-stderr check_json findings.schema.json missing-totals.json
	assert_output "missing-totals.json: /: 'totals' is a required property"
}

@test "check_json: a value outside its enum fails" {
	cd "$FX/validation.schema/invalid"
	run -1 --separate-stderr check_json validation.schema.json bad-enums.json
	assert_output - <<'EOF'
bad-enums.json: /checks/1/group: 'stats' is not one of ['timing', 'cpu', 'memory', 'noise', 'schema', 'statistics']
bad-enums.json: /checks/1/status: 'FAIL' is not one of ['pass', 'warn', 'fail', 'unknown']
EOF
}

@test "check_json: a string where a number belongs fails" {
	cd "$FX/validation.schema/invalid"
	run -1 --separate-stderr check_json validation.schema.json empty-expected.json
	assert_line "empty-expected.json: /calibration/timer_resolution_s: '1ns' is not of type 'number', 'null'"
}

@test "check_json: a property the schema does not know fails" {
	cd "$FX/validation.schema/invalid"
	run -1 --separate-stderr check_json validation.schema.json calibration-extra.json
	assert_output "calibration-extra.json: /calibration: Additional properties are not allowed ('cpu_mhz' was unexpected)"
}

@test "check_json: a grade outside its score band fails" {
	cd "$FX/findings.schema/invalid"
	run -1 --separate-stderr check_json findings.schema.json grade-band.json
	assert_output "grade-band.json: /hosts/0/grade: 'D' was expected"
}

@test "check_json: a verdict that contradicts the totals fails" {
	cd "$FX/validation.schema/invalid"
	run -1 --separate-stderr check_json validation.schema.json verdict-mismatch.json
	assert_output "verdict-mismatch.json: /verdict: 'untrustworthy' was expected"
}

@test "check_json: an alert stream is checked line by line" {
	cd "$FX/alerts.schema/invalid"
	run -1 --separate-stderr check_json alerts.schema.json bad-state.jsonl
	assert_line "bad-state.jsonl:2: /state: 'active' is not one of ['firing', 'resolved']"
	run -1 --separate-stderr check_json alerts.schema.json cut-line.jsonl
	assert_output "cut-line.jsonl:2:80: Unterminated string starting at"
}

@test "check_json: NaN, a repeated key and broken JSON fail with their place" {
	cd "$FX/findings.schema/invalid"
	run -1 --separate-stderr check_json findings.schema.json nan.json
	assert_output "nan.json: 'NaN' is not a JSON number"
	run -1 --separate-stderr check_json findings.schema.json repeated-key.json
	assert_output "repeated-key.json: key 'hosts' repeated in one object"
	run -1 --separate-stderr check_json findings.schema.json trailing-comma.json
	assert_output "trailing-comma.json:7:16: Expecting value"
}

@test "check_csv: a non-number in a number column fails" {
	cd "$FX/thresholds.schema/invalid"
	run -1 --separate-stderr check_csv thresholds.schema.json not-a-number.csv
	assert_output "not-a-number.csv:2: column 'warning': '80%' is not a number"
	run -1 --separate-stderr check_csv thresholds.schema.json bad-values.csv
	assert_output - <<'EOF'
bad-values.csv:2: column 'for_s': -1 is below the minimum 0
bad-values.csv:5: column 'warning': 'nan' is not a number
bad-values.csv:5: column 'critical': 'inf' is not a number
EOF
}

@test "check_csv: an unknown column fails" {
	cd "$FX/thresholds.schema/invalid"
	run -1 --separate-stderr check_csv thresholds.schema.json unknown-column.csv
	assert_output "unknown-column.csv:1: column 'host' is not in the schema"
}

@test "check_csv: a wrong column order under fieldsMatch equal fails" {
	cd "$FX/thresholds.schema/invalid"
	run -1 --separate-stderr check_csv thresholds.schema.json wrong-order.csv
	assert_output "wrong-order.csv:1: columns ['metric', 'critical', 'warning', 'for_s', 'clear', 'direction'] are not in the order ['metric', 'warning', 'critical', 'for_s', 'clear', 'direction']"
}

@test "check_csv: a column breaking its x-fieldPatterns type fails" {
	cd "$FX/_checker"
	run -1 --separate-stderr $PY "$CHK/check_table.py" patterns.table.json patterns-bad.csv
	assert_output - <<'EOF'
patterns-bad.csv:1: column 'xcpu0_busy_pct' is not in the schema
patterns-bad.csv:2: column 'cpu0_busy_pct': '1e400' is not a finite number
patterns-bad.csv:2: column 'dev_sda_ops_count': '7.5' is not an integer
EOF
	run -0 --separate-stderr $PY "$CHK/check_table.py" patterns.table.json patterns-ok.csv
	assert_output ""
}

@test "check_csv: required, unique, CRLF, short rows and open quotes fail" {
	cd "$FX/thresholds.schema/invalid"
	run -1 --separate-stderr check_csv thresholds.schema.json missing-metric.csv
	assert_output "missing-metric.csv:5: column 'metric': required but empty"
	run -1 --separate-stderr check_csv thresholds.schema.json repeated-metric.csv
	assert_output "repeated-metric.csv:5: column 'metric': 'cpu_busy_pct' repeats line 2"
	run -1 --separate-stderr check_csv thresholds.schema.json crlf.csv
	assert_output 'crlf.csv:1: line ends in \r\n, not \n'
	run -1 --separate-stderr check_csv thresholds.schema.json short-row.csv
	assert_output "short-row.csv:3: 5 fields, the header has 6"
	run -1 --separate-stderr check_csv thresholds.schema.json open-quote.csv
	assert_output "open-quote.csv:2: unexpected end of data"
	run -1 --separate-stderr check_csv thresholds.schema.json empty.csv
	assert_output "empty.csv: empty file, no header"
}

@test "check_csv: fieldsMatch subset allows other columns in any order, not missing ones" {
	cd "$FX/_checker"
	run -0 --separate-stderr $PY "$CHK/check_table.py" subset.table.json subset-ok.csv
	assert_output ""
	run -1 --separate-stderr $PY "$CHK/check_table.py" subset.table.json subset-bad.csv
	assert_output - <<'EOF'
subset-bad.csv:1: column 'time' is missing
subset-bad.csv:2: column 'n_count': 0 is below the minimum 1
subset-bad.csv:2: column 'ok': 'yes' is not one of ['true', 'false']
subset-bad.csv:2: column 'tag': 'a' is shorter than 2
subset-bad.csv:3: column 'n_count': 10 is above the maximum 9
subset-bad.csv:3: column 'ok': 'TRUE' is not one of ['true', 'false']
subset-bad.csv:3: column 'tag': 'abcd' is longer than 3
subset-bad.csv:4: column 'n_count': '2.0' is not an integer
EOF
}

@test "check_csv: fieldsMatch partial still wants the required columns" {
	[ -e "$SCHEMAS/samples.schema.json" ] || skip "no samples schema yet"
	cd "$FX/samples.schema/invalid"
	run -1 --separate-stderr check_csv samples.schema.json no-time.csv
	assert_output "no-time.csv:1: column 'time' is required but missing"
}

@test "check_table.py SCHEMA: a malformed Table Schema is rejected" {
	cd "$FX/_checker"
	run -1 --separate-stderr $PY "$CHK/check_table.py" broken.table.json
	assert_output - <<'EOF'
broken.table.json: field 1 'a': type 'float' is not one of ['number', 'integer', 'string', 'boolean']
broken.table.json: field 2: no name
broken.table.json: field 3 'a': name repeated
broken.table.json: field 3 'a': constraint 'required' has the wrong type
broken.table.json: field 3 'a': unknown constraint 'max'
broken.table.json: fieldsMatch 'some' is not one of ['equal', 'exact', 'subset', 'partial', 'superset']
EOF
	run -1 --separate-stderr $PY "$CHK/check_table.py" broken-patterns.table.json
	assert_output - <<'EOF'
broken-patterns.table.json: field 1 'a': no type
broken-patterns.table.json: x-fieldPatterns 1: bad pattern: missing ), unterminated subpattern at position 0
broken-patterns.table.json: x-fieldPatterns 2: pattern matches field 'a'
broken-patterns.table.json: primaryKey 'b' is not a field
EOF
	run -1 --separate-stderr $PY "$CHK/check_table.py" no-fields.table.json
	assert_output "no-fields.table.json: 'fields' is not a non-empty array"
	# A broken schema fails before any file is read.
	run -1 --separate-stderr $PY "$CHK/check_table.py" no-fields.table.json patterns-ok.csv
	assert_output "no-fields.table.json: 'fields' is not a non-empty array"
}

@test "check_json.py SCHEMA: a malformed schema or a dangling \$ref is rejected" {
	cd "$FX/_checker"
	run -1 --separate-stderr $PY "$CHK/check_json.py" bad-keyword.schema.json
	assert_output "bad-keyword.schema.json: /type: 'objekt' is not valid under any of the given schemas"
	run -1 --separate-stderr $PY "$CHK/check_json.py" bad-ref.schema.json
	assert_output "bad-ref.schema.json: \$ref '#/\$defs/nothere' does not resolve: RefResolutionError"
}

@test "check_json: relative \$refs resolve to the schemas beside the schema, offline" {
	cd "$FX/_checker"
	run -0 --separate-stderr $PY "$CHK/check_json.py" uses-defs.schema.json
	run -0 --separate-stderr $PY "$CHK/check_json.py" uses-defs.schema.json uses-defs-ok.json
	run -1 --separate-stderr $PY "$CHK/check_json.py" uses-defs.schema.json uses-defs-bad.json
	assert_output "uses-defs-bad.json: /n: -3 is less than the minimum of 0"
}

@test "checkers: bad usage exits 2, a missing file fails with its name" {
	run -2 --separate-stderr $PY "$CHK/check_json.py"
	[ "$stderr" = "usage: check_json.py SCHEMA [FILE]" ]
	run -2 --separate-stderr $PY "$CHK/check_table.py" a b c
	[ "$stderr" = "usage: check_table.py SCHEMA [FILE]" ]
	cd "$BATS_TEST_TMPDIR"
	run -1 --separate-stderr check_json findings.schema.json nothere.json
	assert_output "nothere.json: No such file or directory"
	run -1 --separate-stderr check_csv thresholds.schema.json nothere.csv
	assert_output "nothere.csv: No such file or directory"
	: > empty.json
	run -1 --separate-stderr check_json findings.schema.json empty.json
	assert_output "empty.json: empty file"
}

# The schemas agree with each other where they describe the same thing.

@test "alerts.table.json has the columns of an alert line, keys aside" {
	run -0 --separate-stderr $PY - "$SCHEMAS" <<'EOF'
import json, sys
d = sys.argv[1]
finding = json.load(open(d + "/findings.schema.json"))["$defs"]["finding"]
alert = json.load(open(d + "/alerts.schema.json"))
table = json.load(open(d + "/alerts.table.json"))
want = set(finding["required"]) | set(alert["required"])
want -= {"keys", "format"}
have = {f["name"] for f in table["fields"]}
print(sorted(want ^ have))
EOF
	assert_output "[]"
}

@test "thresholds.schema.json columns are the threshold rule of defs.schema.json" {
	run -0 --separate-stderr $PY - "$SCHEMAS" <<'EOF'
import json, sys
d = sys.argv[1]
rule = json.load(open(d + "/defs.schema.json"))["$defs"]["threshold"]
table = json.load(open(d + "/thresholds.schema.json"))
print([f["name"] for f in table["fields"]] == [k for k in rule["properties"] if k != "source"])
EOF
	assert_output "True"
}

@test "every definition of defs.schema.json is used" {
	run -0 --separate-stderr $PY - "$SCHEMAS" <<'EOF2'
import glob, json, os, re, sys
d = sys.argv[1]
defs = json.load(open(d + "/defs.schema.json"))["$defs"]
text = "".join(open(p).read() for p in glob.glob(d + "/*.json"))
used = set(re.findall(r'"#/\$defs/([a-z_]+)"', open(d + "/defs.schema.json").read()))
used |= set(re.findall(r'defs\.schema\.json#/\$defs/([a-z_]+)"', text))
print(sorted(set(defs) - used))
EOF2
	assert_output "[]"
}

@test "check_csv: a primaryKey of several columns is unique as a whole" {
	cd "$FX/_checker"
	run -1 --separate-stderr $PY "$CHK/check_table.py" pk.table.json pk-bad.csv
	assert_output "pk-bad.csv:5: primary key ['a', 'y_s'] repeats line 3"
}
