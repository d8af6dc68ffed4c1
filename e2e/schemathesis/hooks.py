"""Schemathesis hooks for the fuzz suite (e2e/test/fuzz-schemathesis.test.ts).

The fuzzer runs against a real platform on this host, so a few generated values would test the
host instead of the API. Before each request, and only where a value is VALID (an invalid one is
sent as generated, so validation is fuzzed in full):

- a deployment's `envProcess` becomes `cat`: the local provider runs it as a command on this host,
  and a random word can name a real program (`sh` reads its script from the request body); the
  `PATH` and `LD_*` variables of its `envVars` are dropped for the same reason;
- a valid scale request above MAX_LOCAL_REPLICAS asks for MAX_LOCAL_REPLICAS: each replica is a
  process (30 MB on the local provider) or a container, and a thousand of them test the machine
  (counts above FAAS_FUZZ_MAX_REPLICAS, the contract's limit, are sent as they are: they are invalid);
- an absolute `X-Callback-Url` points at the suite's own receiver (FAAS_FUZZ_CALLBACK_URL): the
  queue worker POSTs there, and fuzz traffic stays on loopback;
- `GET /system/logs?follow=true` asks for `follow=false`: a followed stream is endless by design,
  so the fuzzer, which reads a body to its end, would report it as a hang. (Following is tested by
  the providers' own suites.)
"""

import os
import re
from urllib.parse import urlsplit

import schemathesis

MAX_LOCAL_REPLICAS = 2
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
HOST_VARIABLES = re.compile(r"^(PATH|LD_.*)$")
CALLBACK_URL = os.environ.get("FAAS_FUZZ_CALLBACK_URL", "")
MAX_REPLICAS = int(os.environ.get("FAAS_FUZZ_MAX_REPLICAS", "1000"))


def _deployment(body):
    if not isinstance(body, dict):
        return
    command = body.get("envProcess")
    if isinstance(command, str) and not CONTROL.search(command):
        body["envProcess"] = "cat"
    env = body.get("envVars")
    if isinstance(env, dict):
        for name in [k for k in env if isinstance(k, str) and HOST_VARIABLES.match(k)]:
            del env[name]


def _scale(body):
    replicas = body.get("replicas") if isinstance(body, dict) else None
    if isinstance(replicas, int) and not isinstance(replicas, bool) and MAX_LOCAL_REPLICAS < replicas <= MAX_REPLICAS:
        body["replicas"] = MAX_LOCAL_REPLICAS


def _callback(headers):
    if not headers or not CALLBACK_URL:
        return
    for name in [k for k in headers if k.lower() == "x-callback-url"]:
        value = headers[name]
        try:
            url = urlsplit(value) if isinstance(value, str) else None
        except ValueError:
            url = None
        if url and url.scheme in ("http", "https") and url.netloc:
            headers[name] = CALLBACK_URL + (url.path or "/")


def _logs(query):
    if query and str(query.get("follow", "")).lower() in ("true", "1"):
        query["follow"] = "false"


@schemathesis.hook
def before_call(context, case, kwargs):
    label = f"{case.operation.method.upper()} {case.operation.path}"
    if label in ("POST /system/functions", "PUT /system/functions"):
        _deployment(case.body)
    elif label == "POST /system/scale-function/{name}":
        _scale(case.body)
    elif label == "GET /system/logs":
        _logs(case.query)
    if case.operation.path.startswith("/async-function/"):
        _callback(case.headers)
