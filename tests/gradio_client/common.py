"""What the gradio_client tests share: the running examples' URLs, and clients that stay offline."""

import os
import re
import urllib.parse

import httpx
from gradio_client import Client

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def url_of(example):
    """The base URL of a running example, from FERRY_<EXAMPLE>_URL (set by scripts/gradio-client-tests.sh)."""
    return os.environ["FERRY_%s_URL" % example.upper()]


def client(example, **kwargs):
    """A gradio_client Client for a running example, quiet and without telemetry."""
    return Client(url_of(example), verbose=False, analytics_enabled=False, **kwargs)


def get(example, path):
    """GET a path of a running example, as is (no normalisation of `..`)."""
    base = url_of(example).rstrip("/")
    with httpx.Client() as http:
        request = http.build_request("GET", base + "/")
        # Keep the raw path: httpx would otherwise resolve dot segments.
        request.url = request.url.copy_with(raw_path=path.encode())
        return http.send(request)


def post(example, path, body):
    return httpx.post(url_of(example).rstrip("/") + path, json=body)


TOKEN_PATH = re.compile(r"^(?:[0-9a-f]{32}|app)/[0-9a-f]{32}/[^/]+$")


def quote(path):
    return urllib.parse.quote(path, safe="/")
