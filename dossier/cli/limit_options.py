"""The ``dossier ingest`` options that set :class:`~dossier.ingest.limits.Limits`.

They are gathered into one ``limits`` argument, so a command takes the limits as one value
and the defaults live in one place (dossier/ingest/limits.py).
"""
from __future__ import annotations

import functools
import ipaddress

import click

from dossier.ingest import limits as defaults


def _network(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    names = [name for value in values for name in value.replace(",", " ").split()]
    for name in names:
        try:
            ipaddress.ip_network(name, strict=False)
        except ValueError:
            raise click.BadParameter(f"{name!r} is not an address or network such as 10.0.0.0/8") from None
    return tuple(names)


LIMIT_OPTIONS = (
    click.option("--max-article-chars", type=click.IntRange(min=1), show_default=True,
                 default=defaults.DEFAULT_MAX_ARTICLE_CHARS, help="Refuse an article longer than this."),
    click.option("--max-html-depth", type=click.IntRange(1, defaults.LIBXML2_MAX_DEPTH), show_default=True,
                 default=defaults.DEFAULT_MAX_HTML_DEPTH,
                 help="Refuse HTML nested deeper (the parser keeps nothing below 255)."),
    click.option("--max-unpack-ratio", type=click.FloatRange(min=1), show_default=True,
                 default=defaults.DEFAULT_MAX_UNPACK_RATIO,
                 help="Refuse .gz/WARC data that unpacks to more than this many times its size."),
    click.option("--max-unpacked-bytes", type=click.IntRange(min=1), show_default=True,
                 default=defaults.DEFAULT_MAX_UNPACKED_BYTES, help="Refuse a WARC archive unpacking to more."),
    click.option("--fetch-timeout", "fetch_timeout_s", type=click.FloatRange(min=0, min_open=True),
                 show_default=True, default=defaults.DEFAULT_FETCH_TIMEOUT_S,
                 help="Seconds for fetching one URL, answer included."),
    click.option("--allow-private-urls", is_flag=True, envvar="DOSSIER_ALLOW_PRIVATE_URLS",
                 help="Fetch URLs on private, loopback and link-local addresses too (env DOSSIER_ALLOW_PRIVATE_URLS=1)."),
    click.option("--allow-network", "allowed_networks", multiple=True, metavar="NET", callback=_network,
                 envvar="DOSSIER_ALLOW_NETWORKS",
                 help="Fetch URLs on this non-public network too, e.g. 10.1.0.0/16 (repeatable; env DOSSIER_ALLOW_NETWORKS)."),
)
LIMIT_NAMES = ("max_article_chars", "max_html_depth", "max_unpack_ratio", "max_unpacked_bytes",
               "fetch_timeout_s", "allow_private_urls", "allowed_networks")


def limit_options(command):
    """Add the limit options to ``command``; it receives them as ``limits=Limits(...)``."""
    @functools.wraps(command)
    def with_limits(*args, **kwargs):
        values = {name: kwargs.pop(name) for name in LIMIT_NAMES}
        values["max_unpack_ratio"] = float(values["max_unpack_ratio"])
        return command(*args, limits=defaults.Limits(**values), **kwargs)

    for option in reversed(LIMIT_OPTIONS):
        with_limits = option(with_limits)
    return with_limits
