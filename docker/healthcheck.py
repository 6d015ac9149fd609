#!/usr/bin/env python3
"""Docker HEALTHCHECK probe for the bot: exit 0 when /healthz answers 200, else 1.

Standard library only (the image has no curl), quick to start, one short line of output that
``docker inspect`` shows under State.Health. Reads NEWSBOT_HEALTH_PORT (the image sets 8080);
when it is 0 the endpoint is off and the probe reports healthy rather than failing forever.
Usage: newsbot-healthcheck [URL]
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        url = argv[1]
    else:
        port = os.environ.get("NEWSBOT_HEALTH_PORT", "8080").strip() or "0"
        if port == "0":
            print("health endpoint off (NEWSBOT_HEALTH_PORT=0)")
            return 0
        url = f"http://127.0.0.1:{port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=4) as resp:
            body = resp.read(4096).decode("utf-8", "replace")
            print(body.strip())
            return 0 if resp.status == 200 else 1
    except urllib.error.HTTPError as exc:  # 503: the body says which check failed
        body = exc.read(4096).decode("utf-8", "replace")
        try:
            failed = json.loads(body).get("failed")
        except ValueError:
            failed = None
        print(f"unhealthy ({exc.code}): failed {failed}" if failed else f"HTTP {exc.code}: {body}")
        return 1
    except (OSError, ValueError) as exc:
        print(f"unhealthy: {url}: {exc}")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
