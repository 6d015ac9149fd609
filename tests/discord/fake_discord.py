"""A local stand-in for Discord: the REST routes the bot calls and the gateway websocket.

Enough of Discord for the real discord.py client to log in, connect, receive two guilds and
answer injected interactions and messages. Every REST request is recorded (method, path, query,
JSON body, time, status) so tests assert on what the bot actually sent. Facts that bite a fake
server, honoured here: JSON responses carry exactly ``Content-Type: application/json``; a 429 is
retried by discord.py only when it carries a ``Via`` header; interactions need ``version`` and
``attachment_size_limit``; READY needs ``resume_gateway_url``; plain JSON text frames are fine
even though the client asks for zlib-stream compression.

Map: payload helpers and ``Call`` (one recorded request) first; then ``FakeDiscord``: start and
stop, what tests use (``find``, ``wait_for``, ``bot_messages``, ``assert_no_pings``), the gateway
(``_gateway``, ``_ready``, ``dispatch``), the payloads for members, channels and guilds, the
injected ``interaction`` and ``message``, and the REST routes (``_rest`` and one handler per
route); ``_serve_forever`` runs it alone.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web
from discord import Permissions
from discord.utils import time_snowflake

API = "/api/v10"
APP_ID = 900000000000000001
BOT_ID = APP_ID
OWNER_ID = 900000000000000009
GUILD_A = 910000000000000001
GUILD_B = 910000000000000002
CHANNEL_A = 920000000000000001
CHANNEL_B = 920000000000000002
ROLE_ADMIN_A = 940000000000000001
ROLE_EDITOR_A = 940000000000000002
ADMIN_ID = 930000000000000001  # Admins role: Manage Server
MEMBER_ID = 930000000000000002  # no special role
EDITOR_ID = 930000000000000003  # "News Editors" role, no Manage Server
ADMIN_B_ID = 930000000000000004
MESSAGE_CONTENT_INTENT = 1 << 15
EPHEMERAL = 1 << 6

BASIC = Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    create_public_threads=True,
    read_message_history=True,
    embed_links=True,
    attach_files=True,
    use_application_commands=True,
    add_reactions=True,
)
ADMIN_PERMS = Permissions(BASIC.value | Permissions(manage_guild=True).value)


def _iso(ts: float | None = None) -> str:
    return datetime.fromtimestamp(ts or time.time(), UTC).isoformat()


def user_payload(uid: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(uid),
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "flags": 0,
        "public_flags": 0,
    }


USERS = {
    BOT_ID: user_payload(BOT_ID, "NewsBot", bot=True),
    ADMIN_ID: user_payload(ADMIN_ID, "alice-admin"),
    MEMBER_ID: user_payload(MEMBER_ID, "bob-member"),
    EDITOR_ID: user_payload(EDITOR_ID, "erin-editor"),
    ADMIN_B_ID: user_payload(ADMIN_B_ID, "ben-admin-b"),
    OWNER_ID: user_payload(OWNER_ID, "host-owner"),
}


@dataclass
class Call:
    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    json: Any
    t: float
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def content(self) -> str | None:
        body = self.json or {}
        if "data" in body and isinstance(body["data"], dict):  # interaction callback
            return body["data"].get("content")
        return body.get("content") if isinstance(body, dict) else None

    @property
    def allowed_mentions(self) -> Any:
        body = self.json or {}
        if "data" in body and isinstance(body["data"], dict):
            return body["data"].get("allowed_mentions")
        return body.get("allowed_mentions") if isinstance(body, dict) else None

    @property
    def flags(self) -> int:
        body = self.json or {}
        if "data" in body and isinstance(body["data"], dict):
            return int(body["data"].get("flags") or 0)
        return int(body.get("flags") or 0) if isinstance(body, dict) else 0


@dataclass
class Injected:
    id: int
    token: str
    t: float
    payload: dict[str, Any]


class FakeDiscord:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.app = web.Application()
        self.app.router.add_get("/gateway", self._gateway)
        self.app.router.add_get("/cdn/{name}", self._cdn)
        self.app.router.add_get("/web/{name}", self._web)
        self.app.router.add_route("*", API + "/{tail:.*}", self._rest)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._counter = itertools.count(1)
        self._seq = 0
        self._sockets: set[web.WebSocketResponse] = set()
        self.identify: dict[str, Any] | None = None
        self.ws_url = ""
        self.identified = asyncio.Event()
        self.reject_token = False  # 401 on GET /users/@me: discord.py raises LoginFailure
        self.privileged_intents = True  # False: close with 4014 on IDENTIFY asking message content
        self._fail: list[tuple[str, re.Pattern[str], int]] = []
        self.files: dict[str, bytes] = {}  # served under /cdn/<name>
        self.pages: dict[str, tuple[str, str]] = {}  # /web/<name> -> (content type, body)
        self.commands: dict[int | None, list[dict[str, Any]]] = {}
        self.channel_guild: dict[int, int] = {CHANNEL_A: GUILD_A, CHANNEL_B: GUILD_B}
        self.threads: dict[int, dict[str, Any]] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self._token_channel: dict[str, int] = {}
        self._routes: list[tuple[str, re.Pattern[str], Callable[..., Any]]] = [
            ("GET", re.compile(r"/gateway/bot"), self._gateway_bot),
            ("GET", re.compile(r"/users/@me"), self._me),
            ("GET", re.compile(r"/oauth2/applications/@me"), self._app_info),
            ("PUT", re.compile(r"/applications/(\d+)/guilds/(\d+)/commands"), self._put_commands),
            ("PUT", re.compile(r"/applications/(\d+)/commands"), self._put_commands),
            ("POST", re.compile(r"/interactions/(\d+)/([^/]+)/callback"), self._callback),
            ("POST", re.compile(r"/webhooks/(\d+)/([^/]+)"), self._webhook_send),
            ("PATCH", re.compile(r"/webhooks/(\d+)/([^/]+)/messages/([^/]+)"), self._webhook_edit),
            ("GET", re.compile(r"/webhooks/(\d+)/([^/]+)/messages/([^/]+)"), self._webhook_get),
            ("DELETE", re.compile(r"/webhooks/(\d+)/([^/]+)/messages/([^/]+)"), self._no_content),
            ("POST", re.compile(r"/channels/(\d+)/messages"), self._channel_send),
            ("POST", re.compile(r"/channels/(\d+)/messages/(\d+)/threads"), self._start_thread),
            ("POST", re.compile(r"/channels/(\d+)/typing"), self._no_content),
            ("DELETE", re.compile(r"/channels/(\d+)/messages/(\d+)"), self._no_content),
            ("PATCH", re.compile(r"/channels/(\d+)/messages/(\d+)"), self._channel_edit),
        ]

    def new_id(self) -> int:
        """A snowflake for now: discord.py reads an interaction's creation time from its id
        (and the 15-minute token deadline from that)."""
        return time_snowflake(datetime.now(UTC)) + next(self._counter) % (1 << 22)

    # --- lifecycle -----------------------------------------------------------------------------
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> FakeDiscord:
        self._runner = web.AppRunner(self.app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return self.base_url + API

    @property
    def intents(self) -> int:
        return int((self.identify or {}).get("intents", 0))

    # --- test controls -------------------------------------------------------------------------
    def fail_once(self, method: str, path_regex: str, status: int = 429) -> None:
        """The next request matching answers ``status`` (429: rate limited, retry in 0.2 s)."""
        self._fail.append((method, re.compile(path_regex), status))

    def find(
        self, method: str | None = None, path: str | None = None, status: int | None = 200
    ) -> list[Call]:
        rx = re.compile(path) if path else None
        return [
            c
            for c in self.calls
            if (method is None or c.method == method)
            and (rx is None or rx.search(c.path))
            and (status is None or c.status == status)
        ]

    async def wait_for(self, predicate: Callable[[list[Call]], Any], timeout: float = 10.0) -> Any:
        """Poll the recorded calls until ``predicate(calls)`` is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            got = predicate(self.calls)
            if got:
                return got
            if time.monotonic() > deadline:
                raise AssertionError(
                    "timed out; calls so far:\n"
                    + "\n".join(
                        f"{c.status} {c.method} {c.path} {c.json}"[:300] for c in self.calls
                    )
                )
            await asyncio.sleep(0.02)

    def interaction_calls(self, inter: Injected) -> list[Call]:
        """Everything the bot sent for one interaction: callback, edits, follow-ups."""
        return [c for c in self.calls if f"/{inter.token}" in c.path]

    def bot_messages(self) -> list[Call]:
        """Every successful request that carries message content the bot sends."""
        out = []
        for c in self.calls:
            if c.status >= 300 or c.method not in ("POST", "PATCH"):
                continue
            if c.content is not None:
                out.append(c)
        return out

    def assert_no_pings(self, calls: list[Call] | None = None) -> None:
        """Every message sent pings nobody (``parse: []``, no users/roles, no replied user) and
        fits Discord's 2,000 characters."""
        for c in self.bot_messages() if calls is None else calls:
            am = c.allowed_mentions
            assert isinstance(am, dict) and am.get("parse") == [], (c.method, c.path, c.json)
            assert not am.get("users") and not am.get("roles") and not am.get("replied_user"), am
            assert len(c.content or "") <= 2000, (c.path, len(c.content or ""))

    # --- gateway -------------------------------------------------------------------------------
    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        self._seq += 1
        frame = {"op": 0, "t": event, "s": self._seq, "d": data}
        for ws in list(self._sockets):
            if not ws.closed:
                await ws.send_str(json.dumps(frame))

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.add(ws)
        await ws.send_str(
            json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        )
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                data = json.loads(msg.data)
                op = data.get("op")
                if op == 1:
                    await ws.send_str(json.dumps({"op": 11}))
                elif op == 2:
                    self.identify = data["d"]
                    if not self.privileged_intents and self.intents & MESSAGE_CONTENT_INTENT:
                        await ws.close(code=4014, message=b"Disallowed intent(s).")
                        break
                    await self._ready()
                    self.identified.set()
                elif op == 6:
                    await self.dispatch("RESUMED", {})
        finally:
            self._sockets.discard(ws)
        return ws

    async def _ready(self) -> None:
        await self.dispatch(
            "READY",
            {
                "v": 10,
                "user": USERS[BOT_ID],
                "guilds": [{"id": str(g), "unavailable": True} for g in (GUILD_A, GUILD_B)],
                "session_id": "fake-session",
                "resume_gateway_url": self.ws_url or f"ws://127.0.0.1:{self.port}/gateway",
                "application": {"id": str(APP_ID), "flags": 0},
                "private_channels": [],
                "relationships": [],
            },
        )
        await self.dispatch("GUILD_CREATE", self.guild_payload(GUILD_A))
        await self.dispatch("GUILD_CREATE", self.guild_payload(GUILD_B))

    def member_payload(self, uid: int, guild: int, *, with_perms: bool = False) -> dict[str, Any]:
        roles: list[str] = []
        if guild == GUILD_A and uid == ADMIN_ID:
            roles = [str(ROLE_ADMIN_A)]
        if guild == GUILD_A and uid == EDITOR_ID:
            roles = [str(ROLE_EDITOR_A)]
        m: dict[str, Any] = {
            "user": USERS[uid],
            "roles": roles,
            "joined_at": _iso(1_700_000_000),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
        }
        if with_perms:
            admin = (guild, uid) in {(GUILD_A, ADMIN_ID), (GUILD_B, ADMIN_B_ID)}
            m["permissions"] = str((ADMIN_PERMS if admin else BASIC).value)
        return m

    def channel_payload(self, cid: int) -> dict[str, Any]:
        if cid in self.threads:
            return self.threads[cid]
        gid = self.channel_guild[cid]
        return {
            "id": str(cid),
            "type": 0,
            "guild_id": str(gid),
            "name": "news",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }

    def guild_payload(self, gid: int) -> dict[str, Any]:
        roles = [
            {
                "id": str(gid),
                "name": "@everyone",
                "permissions": str(BASIC.value),
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
                "flags": 0,
            }
        ]
        members = (
            [BOT_ID, ADMIN_B_ID, MEMBER_ID]
            if gid == GUILD_B
            else [BOT_ID, ADMIN_ID, MEMBER_ID, EDITOR_ID]
        )
        if gid == GUILD_A:
            for rid, name, perms in (
                (ROLE_ADMIN_A, "Admins", ADMIN_PERMS),
                (ROLE_EDITOR_A, "News Editors", BASIC),
            ):
                roles.append(
                    {
                        **roles[0],
                        "id": str(rid),
                        "name": name,
                        "permissions": str(perms.value),
                        "position": 1,
                    }
                )
        cid = CHANNEL_A if gid == GUILD_A else CHANNEL_B
        return {
            "id": str(gid),
            "name": "Guild A" if gid == GUILD_A else "Guild B",
            "icon": None,
            "owner_id": str(OWNER_ID),
            "features": [],
            "roles": roles,
            "emojis": [],
            "stickers": [],
            "members": [self.member_payload(u, gid) for u in members],
            "channels": [self.channel_payload(cid)],
            "threads": [],
            "member_count": len(members),
            "large": False,
            "unavailable": False,
            "joined_at": _iso(1_700_000_000),
            "voice_states": [],
            "presences": [],
            "premium_tier": 0,
            "mfa_level": 0,
            "verification_level": 0,
            "explicit_content_filter": 0,
            "default_message_notifications": 0,
            "nsfw_level": 0,
            "system_channel_flags": 0,
            "preferred_locale": "en-US",
            "afk_timeout": 300,
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    # --- injecting events ----------------------------------------------------------------------
    async def interaction(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        sub: str | None = None,
        user: int = ADMIN_ID,
        guild: int = GUILD_A,
        channel: int | None = None,
        attachment: tuple[str, bytes] | None = None,
    ) -> Injected:
        """Dispatch an application command as INTERACTION_CREATE; options by Python type."""
        iid = self.new_id()
        token = f"itok-{iid}"
        cid = channel or (CHANNEL_A if guild == GUILD_A else CHANNEL_B)
        opts: list[dict[str, Any]] = []
        resolved: dict[str, Any] = {}
        for k, v in (options or {}).items():
            kind = 5 if isinstance(v, bool) else 4 if isinstance(v, int) else 3
            opts.append({"name": k, "type": kind, "value": v})
        if attachment is not None:
            fname, body = attachment
            aid = self.new_id()
            self.files[fname] = body
            opts.append({"name": "file", "type": 11, "value": str(aid)})
            resolved["attachments"] = {
                str(aid): {
                    "id": str(aid),
                    "filename": fname,
                    "size": len(body),
                    "url": f"{self.base_url}/cdn/{fname}",
                    "proxy_url": f"{self.base_url}/cdn/{fname}",
                    "content_type": "text/plain",
                }
            }
        data: dict[str, Any] = {"id": str(self.new_id()), "name": name, "type": 1}
        if sub is not None:
            data["options"] = [{"name": sub, "type": 1, "options": opts}]
        else:
            data["options"] = opts
        if resolved:
            data["resolved"] = resolved
        payload = {
            "id": str(iid),
            "application_id": str(APP_ID),
            "type": 2,
            "token": token,
            "version": 1,
            "guild_id": str(guild),
            "channel_id": str(cid),
            "channel": self.channel_payload(cid),
            "member": self.member_payload(user, guild, with_perms=True),
            "data": data,
            "app_permissions": str(BASIC.value),
            "attachment_size_limit": 26_214_400,
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild)},
            "context": 0,
        }
        self._token_channel[token] = cid
        inj = Injected(iid, token, time.monotonic(), payload)
        await self.dispatch("INTERACTION_CREATE", payload)
        return inj

    async def message(
        self,
        content: str,
        *,
        user: int = MEMBER_ID,
        channel: int = CHANNEL_A,
        mention_bot: bool = False,
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """Dispatch MESSAGE_CREATE as Discord would: without the Message Content intent a
        message that does not mention the bot arrives with empty content."""
        mentions = []
        if mention_bot:
            content = f"<@{BOT_ID}> {content}"
            mentions.append(
                {
                    **USERS[BOT_ID],
                    "member": self.member_payload(BOT_ID, self.channel_guild[channel]),
                }
            )
        msg = self._message(channel, content, author=user, mentions=mentions)
        if reply_to is not None:
            msg["message_reference"] = {"message_id": str(reply_to), "channel_id": str(channel)}
            msg["referenced_message"] = self.messages.get(reply_to)
            msg["type"] = 19
        wire = dict(msg)
        if not (self.intents & MESSAGE_CONTENT_INTENT) and not mention_bot:
            wire["content"] = ""
        await self.dispatch("MESSAGE_CREATE", wire)
        return msg

    def _message(
        self,
        channel: int,
        content: str,
        *,
        author: int = BOT_ID,
        mentions: list[dict[str, Any]] | None = None,
        flags: int = 0,
        webhook: bool = False,
    ) -> dict[str, Any]:
        mid = self.new_id()
        gid = self.channel_guild.get(channel)
        msg: dict[str, Any] = {
            "id": str(mid),
            "channel_id": str(channel),
            "author": USERS[author],
            "content": content,
            "timestamp": _iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": mentions or [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": flags,
            "components": [],
        }
        if gid is not None:
            msg["guild_id"] = str(gid)
            if not webhook:
                msg["member"] = self.member_payload(author, gid)
        if webhook:
            msg["webhook_id"] = str(APP_ID)
            msg["application_id"] = str(APP_ID)
        self.messages[mid] = msg
        return msg

    # --- REST ----------------------------------------------------------------------------------
    @staticmethod
    def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
        # discord.py parses a body as JSON only when Content-Type is exactly application/json.
        return web.Response(
            body=json.dumps(data).encode(),
            status=status,
            headers={"Content-Type": "application/json", **(headers or {})},
        )

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body: Any = None
        raw = await request.read()
        if raw:
            ctype = request.headers.get("Content-Type", "")
            if ctype.startswith("application/json"):
                body = json.loads(raw)
            else:
                body = {"_raw": raw[:2000].decode("utf-8", "replace")}
        call = Call(
            request.method,
            path,
            dict(request.query),
            body,
            time.monotonic(),
            headers={k: v for k, v in request.headers.items() if k.lower() == "authorization"},
        )
        self.calls.append(call)
        for i, (m, rx, status) in enumerate(self._fail):
            if m == request.method and rx.fullmatch(path):
                del self._fail[i]
                call.status = status
                if status == 429:
                    return self._json(
                        {
                            "message": "You are being rate limited.",
                            "retry_after": 0.2,
                            "global": False,
                        },
                        status=429,
                        headers={
                            "Via": "1.1 google",
                            "Retry-After": "0.2",
                            "X-RateLimit-Scope": "user",
                        },
                    )
                return self._json({"message": "injected failure", "code": 0}, status=status)
        for m, rx, handler in self._routes:
            match = rx.fullmatch(path)
            if m == request.method and match:
                resp = await handler(request, body, *match.groups())
                call.status = resp.status
                return resp
        call.status = 404
        return self._json({"message": f"404: Not Found ({request.method} {path})", "code": 0}, 404)

    async def _no_content(self, request: web.Request, body: Any, *_: str) -> web.Response:
        return web.Response(status=204)

    async def _gateway_bot(self, request: web.Request, body: Any) -> web.Response:
        # The gateway on the host the client reached us by (127.0.0.1 in tests, a container
        # name under compose).
        self.ws_url = f"ws://{request.host}/gateway"
        return self._json(
            {
                "url": self.ws_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    async def _me(self, request: web.Request, body: Any) -> web.Response:
        if self.reject_token:
            return self._json({"message": "401: Unauthorized", "code": 0}, 401)
        return self._json(USERS[BOT_ID])

    async def _app_info(self, request: web.Request, body: Any) -> web.Response:
        return self._json(
            {
                "id": str(APP_ID),
                "name": "NewsBot",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": USERS[OWNER_ID],
                "verify_key": "0" * 64,
                "flags": 0,
                "team": None,
                "summary": "",
            }
        )

    async def _put_commands(
        self, request: web.Request, body: Any, app: str, guild: str | None = None
    ) -> web.Response:
        out = []
        for cmd in body or []:
            out.append(
                {
                    **cmd,
                    "id": str(self.new_id()),
                    "application_id": app,
                    "version": "1",
                    **({"guild_id": guild} if guild else {}),
                }
            )
        self.commands[int(guild) if guild else None] = out
        return self._json(out)

    async def _callback(
        self, request: web.Request, body: Any, iid: str, token: str
    ) -> web.Response:
        kind = body["type"]
        data = body.get("data") or {}
        flags = int(data.get("flags") or 0)
        mid = self.new_id()
        resource: dict[str, Any] = {"type": kind}
        if kind == 4:
            cid = self._channel_of_token(token)
            msg = self._message(cid, data.get("content", ""), flags=flags, webhook=True)
            resource["message"] = msg
            mid = int(msg["id"])
        return self._json(
            {
                "interaction": {
                    "id": iid,
                    "type": 2,
                    "response_message_id": str(mid),
                    "response_message_loading": kind == 5,
                    "response_message_ephemeral": bool(flags & EPHEMERAL),
                },
                "resource": resource,
            }
        )

    def _channel_of_token(self, token: str) -> int:
        return self._token_channel.get(token, CHANNEL_A)

    async def _webhook_send(
        self, request: web.Request, body: Any, app: str, token: str
    ) -> web.Response:
        body = body or {}
        msg = self._message(
            self._channel_of_token(token),
            body.get("content", ""),
            flags=int(body.get("flags") or 0),
            webhook=True,
        )
        return self._json(msg)

    async def _webhook_edit(
        self, request: web.Request, body: Any, app: str, token: str, mid: str
    ) -> web.Response:
        msg = self._message(
            self._channel_of_token(token), (body or {}).get("content", ""), webhook=True
        )
        return self._json(msg)

    async def _webhook_get(
        self, request: web.Request, body: Any, app: str, token: str, mid: str
    ) -> web.Response:
        return self._json(self._message(self._channel_of_token(token), "", webhook=True))

    async def _channel_send(self, request: web.Request, body: Any, cid: str) -> web.Response:
        msg = self._message(int(cid), (body or {}).get("content", ""))
        if body and body.get("message_reference"):
            msg["message_reference"] = body["message_reference"]
        await self.dispatch("MESSAGE_CREATE", msg)
        return self._json(msg)

    async def _channel_edit(
        self, request: web.Request, body: Any, cid: str, mid: str
    ) -> web.Response:
        msg = self.messages.get(int(mid)) or self._message(int(cid), "")
        msg = {**msg, **{k: v for k, v in (body or {}).items() if k == "content"}}
        return self._json(msg)

    async def _start_thread(
        self, request: web.Request, body: Any, cid: str, mid: str
    ) -> web.Response:
        gid = self.channel_guild[int(cid)]
        thread = {
            "id": mid,  # a thread started from a message takes the message's id
            "type": 11,
            "guild_id": str(gid),
            "parent_id": cid,
            "owner_id": str(BOT_ID),
            "name": (body or {}).get("name", "thread"),
            "last_message_id": None,
            "message_count": 0,
            "member_count": 1,
            "rate_limit_per_user": 0,
            "flags": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": (body or {}).get("auto_archive_duration", 1440),
                "archive_timestamp": _iso(),
                "locked": False,
                "create_timestamp": _iso(),
            },
            "total_message_sent": 0,
        }
        self.threads[int(mid)] = thread
        self.channel_guild[int(mid)] = gid
        await self.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        return self._json(thread)

    async def _cdn(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in self.files:
            return web.Response(status=404)
        return web.Response(
            body=self.files[name], headers={"Content-Type": "application/octet-stream"}
        )

    async def _web(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in self.pages:
            return web.Response(status=404, text="not found")
        ctype, text = self.pages[name]
        return web.Response(body=text.encode(), headers={"Content-Type": ctype})


async def _serve_forever(host: str, port: int) -> None:
    fake = await FakeDiscord().start(host, port)
    print(f"fake Discord: NEWSBOT_DISCORD_API_BASE=http://{host}:{fake.port}{API}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await fake.stop()


if __name__ == "__main__":  # pragma: no cover - for manual runs and the Docker smoke test
    import argparse

    ap = argparse.ArgumentParser(description="Run the fake Discord until interrupted.")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8089)
    args = ap.parse_args()
    asyncio.run(_serve_forever(args.host, args.port))
