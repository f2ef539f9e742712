"""Which addresses the capture browser may reach. The links come from the public: a link to the server's
own network (loopback, private ranges, link-local cloud metadata at 169.254.169.254) would turn the
capture worker into a way in, so only public addresses are fetched unless ``CAPTURE_ALLOW_PRIVATE`` (tests
on loopback) says otherwise. Every request the page makes is checked, not only the first."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class Refused(Exception):
    """The address may not be fetched; the message says why, in Bahasa Indonesia."""


class Unresolvable(Exception):
    """The host name does not resolve now (perhaps a passing network fault): tried again later."""


def _addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise Unresolvable(
            _("Nama host %(host)s tidak dapat diselesaikan (%(error)s).") % {"host": host, "error": error}
        ) from None
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def check_url(url: str) -> None:
    """Raises ``Refused`` unless ``url`` is http(s) to a host whose every address is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(
            _("Hanya tautan http atau https yang ditangkap, bukan %(scheme)s.")
            % {"scheme": parts.scheme or _("tanpa skema")}
        )
    if not parts.hostname:
        raise Refused(_("Tautan tanpa nama host."))
    if parts.username or parts.password:
        raise Refused(_("Tautan yang memuat nama pengguna atau kata sandi tidak ditangkap."))
    if getattr(settings, "CAPTURE_ALLOW_PRIVATE", False):
        return
    for address in _addresses(parts.hostname):
        if not address.is_global:
            raise Refused(
                _("Alamat %(address)s bukan alamat publik; tidak ditangkap.") % {"address": address}
            )
