"""Schemathesis hooks for the fuzz suite (e2e/test/fuzz-schemathesis.test.ts).

The fuzzer runs against a real platform on this host, so a few generated values would test the
host instead of the API. Before each request, and only where a value is VALID (an invalid one is
sent as generated, so validation is fuzzed in full):

- a deployment's command (`envProcess`, or `fprocess` in its `envVars`) becomes `cat`: the local
  provider runs it on this host, and a random word can name a real program (`sh` reads its script
  from the request body); the `PATH` and `LD_*` variables of its `envVars` are dropped for the same
  reason; where FAAS_FUZZ_IMAGE is set (Swarm, Kubernetes), an `image` that looks like an image
  reference becomes that local image: no registry is reachable, and a function that never starts
  tests the registry, not the API (other strings are sent as generated: the provider must refuse
  them);
- a valid scale request above MAX_LOCAL_REPLICAS asks for MAX_LOCAL_REPLICAS: each replica is a
  process (30 MB on the local provider) or a container, and a thousand of them test the machine
  (counts above FAAS_FUZZ_MAX_REPLICAS, the contract's limit, are sent as they are: they are invalid);
  on a provider, which does not scale from zero (the gateway does), a valid 0 asks for 1, so the
  function the invocations use keeps a replica for the rest of the run; so it does on a gateway
  whose scale from zero starts a pod (FAAS_FUZZ_KEEP_A_REPLICA=1: Kubernetes, whose own suite
  tests it), where the first call would wait longer than the fuzzer does;
- an absolute `X-Callback-Url` points at the suite's own receiver (FAAS_FUZZ_CALLBACK_URL): the
  queue worker POSTs there, and fuzz traffic stays on loopback;
- `GET /system/logs?follow=true` asks for `follow=false`: a followed stream is endless by design,
  so the fuzzer, which reads a body to its end, would report it as a hang. (Following is tested by
  the providers' own suites.)

One failure is not one on a provider (FAAS_FUZZ_SIDE=provider): an invocation answered 503 by
the provider itself (X-OpenFaaS-Internal) is the documented answer for a function with no ready
replica (one just deployed, before its replica is up); on the gateway, which waits for a replica,
the same 503 still fails the run.
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
SIDE = os.environ.get("FAAS_FUZZ_SIDE", "")
KEEP_A_REPLICA = os.environ.get("FAAS_FUZZ_KEEP_A_REPLICA", "") == "1"
IMAGE = os.environ.get("FAAS_FUZZ_IMAGE", "")
IMAGE_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/:@-]*$")


def _safe_command(fields, key):
    command = fields.get(key)
    if isinstance(command, str) and not CONTROL.search(command):
        fields[key] = "cat"


def _deployment(body):
    if not isinstance(body, dict):
        return
    _safe_command(body, "envProcess")
    image = body.get("image")
    if IMAGE and isinstance(image, str) and IMAGE_REFERENCE.match(image):
        body["image"] = IMAGE
    env = body.get("envVars")
    if isinstance(env, dict):
        _safe_command(env, "fprocess")
        for name in [k for k in env if isinstance(k, str) and HOST_VARIABLES.match(k)]:
            del env[name]


def _scale(body):
    replicas = body.get("replicas") if isinstance(body, dict) else None
    if not isinstance(replicas, int) or isinstance(replicas, bool):
        return
    if MAX_LOCAL_REPLICAS < replicas <= MAX_REPLICAS:
        body["replicas"] = MAX_LOCAL_REPLICAS
    elif replicas == 0 and (SIDE == "provider" or KEEP_A_REPLICA):
        body["replicas"] = 1


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


@schemathesis.hook
def filter_failure(context, failure, case, response):
    no_replica = (
        response is not None
        and response.status_code == 503
        and "x-openfaas-internal" in response.headers
        and case.operation.path.startswith("/function/")
    )
    return not (SIDE == "provider" and no_replica)
