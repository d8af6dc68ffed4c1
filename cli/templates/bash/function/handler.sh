#!/usr/bin/env bash
# Called once per request: the request body is on stdin, what you print is the response.
# Request details are in the environment: $Http_Method, $Http_Path, $Http_Query, $Http_<Header>.
set -eu
input=$(cat)
echo "Hello from bash: ${input}"
