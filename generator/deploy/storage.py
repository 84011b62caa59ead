"""The bucket, through boto3: the one module of qunma that talks S3 (tests/test_httpclient.py allows it).

boto3 is a separate, well-kept client (S3's signing, retries and error shapes are no job for our small HTTP
client), so its bounds are set here: connect and read timeouts, a bounded number of tries, and the
command's overall deadline, checked by a hook before every attempt (a retry after the deadline is never
sent). Credentials are passed explicitly: no lookup in ~/.aws or the instance metadata service, which
would wait on the network. Every error is a StorageError in the site's language, with the keys scrubbed;
botocore's own log records are scrubbed too, for anyone who turns on its debug logging.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionError,
    ConnectTimeoutError,
    ReadTimeoutError,
)

from generator.common.remotetext import shown
from generator.deploy.target import Target, scrub
from generator.errors import QunmaError
from generator.messages import t

CONNECT_TIMEOUT = 10.0  # seconds to open a connection
WORKERS = 8  # requests in flight at once (and connections in the pool)
_LOGGERS = ("boto3", "botocore", "s3transfer", "urllib3")


class StorageError(QunmaError):
    """A request to the bucket failed; the message is printable (scrubbed, in the site's language)."""


class DeadlineReached(StorageError):
    """The command's overall deadline passed: no further request is sent."""


class Storage:
    """get / put / delete of objects in one bucket, each bounded in time and tries."""

    def __init__(self, target: Target, lang: str, started: float | None = None) -> None:
        self.target, self.lang = target, lang
        self.ends = (time.monotonic() if started is None else started) + target.deadline
        config = Config(
            connect_timeout=min(CONNECT_TIMEOUT, target.timeout),
            read_timeout=target.timeout,
            retries={"max_attempts": target.attempts, "mode": "standard"},
            max_pool_connections=WORKERS,
            s3={"addressing_style": target.addressing},
            signature_version="s3v4",
            # boto3 ≥ 1.36 adds CRC checksums (and aws-chunked bodies) that COS, OSS and MinIO refuse or
            # mishandle: only where the operation itself requires one.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
        session = boto3.session.Session(
            aws_access_key_id=target.key_id,
            aws_secret_access_key=target.secret,
            aws_session_token=target.token,
            region_name=target.region,
        )
        self.client: Any = session.client("s3", endpoint_url=target.endpoint, config=config)
        self.client.meta.events.register("before-send", self._before_send)
        self._scrub = _ScrubFilter(target.secrets())

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    def _before_send(self, **_: Any) -> None:
        if self.remaining() <= 0:
            raise DeadlineReached(t(self.lang, "deploy_deadline", seconds=f"{self.target.deadline:g}"))

    def get(self, key: str, max_bytes: int) -> bytes | None:
        """The object's bytes, None when there is no such object; StorageError otherwise."""
        with self._call(key):
            try:
                answer = self.client.get_object(Bucket=self.target.bucket, Key=key)
            except ClientError as exc:
                if _code(exc) in ("NoSuchKey", "404"):
                    return None
                raise
            body = answer["Body"]
            try:
                data: bytes = body.read(max_bytes + 1)
            finally:
                body.close()
        if len(data) > max_bytes:
            raise StorageError(t(self.lang, "deploy_state_too_large", key=key, size=f"{max_bytes:,}"))
        return data

    def put(self, key: str, body: bytes, content_type: str, cache_control: str) -> None:
        with self._call(key):
            self.client.put_object(
                Bucket=self.target.bucket,
                Key=key,
                Body=body,
                ContentType=content_type,
                CacheControl=cache_control,
            )

    def delete(self, key: str) -> None:
        with self._call(key):
            self.client.delete_object(Bucket=self.target.bucket, Key=key)

    @contextmanager
    def _call(self, key: str) -> Iterator[None]:
        """One request, its exceptions turned into StorageError (printable: scrubbed and escaped)."""
        try:
            yield
        except StorageError:
            raise
        except ClientError as exc:
            raise StorageError(self._client_error(key, exc)) from None
        except (ConnectTimeoutError, ReadTimeoutError):
            raise StorageError(self._failed(key, t(self.lang, "deploy_timeout"))) from None
        except ConnectionError as exc:
            what = t(self.lang, "deploy_unreachable", what=self._say(exc))
            raise StorageError(self._failed(key, what)) from None
        except BotoCoreError as exc:
            raise StorageError(self._failed(key, self._say(exc))) from None

    @contextmanager
    def scrubbed_logs(self) -> Iterator[None]:
        """botocore's, boto3's and urllib3's log records without the keys, for as long as this is open."""
        with self._scrub.installed():
            yield

    def _client_error(self, key: str, exc: ClientError) -> str:
        error = exc.response.get("Error", {})
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", "?")
        code, message = self._say(error.get("Code") or "?"), self._say(error.get("Message") or "")
        hint = _HINTS.get(str(error.get("Code")), "")
        what = t(self.lang, "deploy_http_error", status=status, code=code, message=message)
        return self._failed(key, what + (t(self.lang, hint) if hint else ""))

    def _failed(self, key: str, what: str) -> str:
        return t(self.lang, "deploy_request_failed", target=self.target.describe(), key=shown(key), what=what)

    def _say(self, text: object) -> str:
        return shown(scrub(str(text), self.target.secrets()))


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


_HINTS = {
    "InvalidAccessKeyId": "deploy_hint_credentials",
    "SignatureDoesNotMatch": "deploy_hint_credentials",
    "AccessDenied": "deploy_hint_denied",
    "NoSuchBucket": "deploy_hint_bucket",
    "PermanentRedirect": "deploy_hint_region",
    "AuthorizationHeaderMalformed": "deploy_hint_region",
    "InvalidBucketName": "deploy_hint_addressing",
}


class _ScrubFilter(logging.Filter):
    """Takes the keys out of botocore's, boto3's and urllib3's log records (its debug log prints the
    signed request, and the key id is in every Authorization header)."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = scrub(message, self.secrets)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        return True

    @contextmanager
    def installed(self) -> Iterator[None]:
        # On every logger of those libraries (a filter on "botocore" does not see "botocore.endpoint"'s
        # records), once the client exists: by then they have made their loggers.
        loggers = [
            logging.getLogger(name)
            for name in list(logging.Logger.manager.loggerDict)
            if name.split(".")[0] in _LOGGERS
        ]
        for logger in loggers:
            logger.addFilter(self)
        try:
            yield
        finally:
            for logger in loggers:
                logger.removeFilter(self)
