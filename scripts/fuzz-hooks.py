"""Schemathesis hooks for `npm run fuzz` (scripts/fuzz.mjs loads them through SCHEMATHESIS_HOOKS).

The fuzzer runs against the shared local stack, so every request is moved into a sandbox before
it is sent: topics and consumer groups named in the path or a body get the prefix
"fuzz.<run>.", databases the prefix "fuzz_<run>_" (scripts/fuzz.mjs seeds the names that "0"
becomes, so that the simplest generated names reach real resources, and deletes every sandbox
name afterwards; Schema Registry subjects take the topic prefix), typed confirmations follow the names they confirm, and partition counts stay
small. The generated value is kept after the prefix, so odd characters, lengths and types still
reach the server. Lists (topics, groups, databases) still read the whole stack.
"""

import os

import requests
import schemathesis

# The import body is JSON lines: sent as the generated text, like text/plain.
schemathesis.serializer.alias("application/x-ndjson", "text/plain")

# scripts/fuzz.mjs names each run's sandbox ("fuzz.<run>.", "fuzz_<run>_").
TOPIC_PREFIX = os.environ.get("FUZZ_TOPIC_PREFIX", "fuzz.")
GROUP_PREFIX = os.environ.get("FUZZ_GROUP_PREFIX", "fuzz.")
DATABASE_PREFIX = os.environ.get("FUZZ_DATABASE_PREFIX", "fuzz_")
MAX_PARTITIONS = 3


def _prefixed(value, prefix):
    if isinstance(value, str) and not value.startswith(prefix):
        return prefix + value
    return value


def _small(value, most):
    # Floats too: 392.0 is a whole number to zod. bool is an int in Python: left for the server to refuse.
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > most:
        return most
    return value


def _update(holder, key, change, *args):
    if key in holder:
        holder[key] = change(holder[key], *args)


def _sandbox_spec(spec):
    """A replay spec (POST /api/replay/plan, /api/replay/jobs) reads and writes only sandbox topics and groups."""
    if not isinstance(spec, dict):
        return
    for holder in (spec.get("source"), spec.get("target")):
        if isinstance(holder, dict):
            _update(holder, "topic", _prefixed, TOPIC_PREFIX)
    _update(spec, "topic", _prefixed, TOPIC_PREFIX)
    _update(spec, "groupId", _prefixed, GROUP_PREFIX)


def _finish_job_before_streaming(case):
    """A job's event stream lasts until the job ends (a paused one never does), and schemathesis
    reads a stream to its end: a job the fuzzer made, or learnt the id of, is cancelled first
    (as admin), so the stream sends the job once and closes."""
    base = os.environ.get("FUZZ_BASE_URL")
    job = case.path_parameters.get("id") if isinstance(case.path_parameters, dict) else None
    if not base or not isinstance(job, str):
        return
    headers = {"x-eventdeck-csrf": "1"}
    if os.environ.get("FUZZ_ADMIN_COOKIE"):
        headers["cookie"] = os.environ["FUZZ_ADMIN_COOKIE"]
    try:
        requests.post(f"{base}/api/replay/jobs/{requests.utils.quote(job, safe='')}/cancel", headers=headers, timeout=10)
    except requests.RequestException:
        pass


@schemathesis.hook
def before_call(context, case, kwargs):
    path = case.operation.path
    if path == "/api/replay/jobs/{id}/events":
        _finish_job_before_streaming(case)
    params = case.path_parameters if isinstance(case.path_parameters, dict) else {}
    body = case.body if isinstance(case.body, dict) else None
    query = case.query if isinstance(case.query, dict) else None

    renamed = {}
    # Schema Registry subjects take the topic prefix (the registry is shared like the cluster).
    for name, prefix in (("topic", TOPIC_PREFIX), ("group", GROUP_PREFIX), ("db", DATABASE_PREFIX), ("subject", TOPIC_PREFIX)):
        if name in params:
            before = params[name]
            params[name] = _prefixed(before, prefix)
            renamed[before] = params[name]

    # A typed confirmation that matched the name still matches it after the prefix.
    for holder in (query, body):
        if holder is not None and isinstance(holder.get("confirm"), str) and holder["confirm"] in renamed:
            holder["confirm"] = renamed[holder["confirm"]]

    if body is None:
        return
    if path == "/api/kafka/topics":
        _update(body, "name", _prefixed, TOPIC_PREFIX)
        _update(body, "partitions", _small, MAX_PARTITIONS)
        _update(body, "replicationFactor", _small, 1)
    elif path.endswith("/partitions"):
        _update(body, "count", _small, MAX_PARTITIONS + 1)
    elif path.endswith("/reset-offsets"):
        _update(body, "topic", _prefixed, TOPIC_PREFIX)
    elif path == "/api/replay/plan":
        _sandbox_spec(body)
    elif path == "/api/replay/jobs":
        _sandbox_spec(body.get("spec"))
