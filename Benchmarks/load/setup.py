"""Signs in the roles the load uses and gathers what its requests name (referral ids), into a Lua file for wrk.

Usage: setup.py BASE_URL OUTPUT.lua   (only ever a Hub on 127.0.0.1: the load script starts it)
"""
import json
import sys
import urllib.request

BASE, OUTPUT = sys.argv[1], sys.argv[2]
PASSWORD = "piphire-demo-2026"


def call(method, path, token=None, body=None):
    request = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


tokens = {role: call("POST", "/api/v1/sessions", body={"username": role, "password": PASSWORD})["token"]
          for role in ("triage", "manager", "police", "board")}
referrals = [item["id"] for item in call("GET", "/api/v1/referrals?limit=200", tokens["triage"])["items"]]
assert referrals, "the demo has no referrals to read"


def lua(value):
    return json.dumps(value)  # a JSON string literal is a Lua string literal for these plain values


with open(OUTPUT, "w") as out:
    out.write("return {\n  tokens = {\n")
    for role, token in tokens.items():
        out.write(f"    {role} = {lua(token)},\n")
    out.write("  },\n  referrals = {" + ", ".join(lua(r) for r in referrals) + "},\n}\n")
print(f"signed in {len(tokens)} roles; {len(referrals)} referrals to read")
