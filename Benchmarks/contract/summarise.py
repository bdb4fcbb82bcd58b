"""Per-role figures of a schemathesis run (scripts/schemathesis.sh): from each role's HAR of every request sent,
the requests, the server errors (5xx) and the responses whose status the operation does not document in
docs/openapi.yaml; requests with a method the path does not document must be 405 with Allow (the test clock's
path excepted: without HUB_TEST_CLOCK it does not exist, and every method is 404). Then the failures schemathesis's
own checks reported (its text output).

Usage: summarise.py REPORTS_FOLDER ROLE...   (exit status 1 when any role has a server error or undocumented status)
"""
import json
import pathlib
import re
import sys
import urllib.parse

import yaml

folder, roles = pathlib.Path(sys.argv[1]), sys.argv[2:]
document = yaml.safe_load((pathlib.Path(__file__).parents[2] / "docs/openapi.yaml").read_text())


def template_pattern(path):
    return re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")


templates = [(path, template_pattern(path), {m.upper(): {str(code) for code in op.get("responses", {})}
                                            for m, op in item.items() if m in ("get", "put", "post", "patch", "delete")})
             for path, item in document["paths"].items()]


def operation_for(path):
    """The template the router would pick: of those that match, the one with literal segments earliest."""
    matches = [(path_, methods) for path_, pattern, methods in templates if pattern.match(path)]
    matches.sort(key=lambda m: [segment.startswith("{") for segment in m[0].split("/")])
    return matches[0] if matches else (None, {})


def failures_reported(text):
    summary = re.search(r"=+ (.+) in [\d.]+s =+", text)
    return summary.group(1) if summary else "no summary line"


total = {"requests": 0, "server errors": 0, "undocumented": 0}
bad = []
print(f"{'role':<10} {'requests':>9} {'5xx':>5} {'undocumented':>13} {'405 (method not in doc)':>24}  schemathesis")
for role in roles:
    har = json.loads((folder / f"{role}.har").read_text())
    requests = server_errors = undocumented = not_allowed = 0
    for entry in har["log"]["entries"]:
        method = entry["request"]["method"].upper()
        path = urllib.parse.urlsplit(entry["request"]["url"]).path
        status = entry["response"]["status"]
        requests += 1
        template, methods = operation_for(path)
        if status >= 500:
            server_errors += 1
            bad.append(f"{role}: {method} {path} -> {status}")
        if template == "/api/v1/test-clock" and status == 404:
            continue  # the route does not exist without HUB_TEST_CLOCK: 404 for every method, as documented
        if template is not None and method not in methods:
            if status == 405:
                not_allowed += 1
            else:
                undocumented += 1
                bad.append(f"{role}: {method} {path} (not a documented method) -> {status}")
        elif template is None or str(status) not in methods.get(method, set()):
            undocumented += 1
            bad.append(f"{role}: {method} {path} ({template}) -> {status}, undocumented")
    text = (folder / f"{role}.txt").read_text()
    print(f"{role:<10} {requests:>9} {server_errors:>5} {undocumented:>13} {not_allowed:>24}  {failures_reported(text)}")
    total["requests"] += requests
    total["server errors"] += server_errors
    total["undocumented"] += undocumented
print(f"{'total':<10} {total['requests']:>9} {total['server errors']:>5} {total['undocumented']:>13}")
for line in sorted(set(bad))[:40]:
    print("  " + line)
sys.exit(1 if total["server errors"] or total["undocumented"] else 0)
