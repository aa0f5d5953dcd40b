"""The co-occurrence network of entities: two canonical entities are linked when they are
named in the same article; the edge counts the articles and the sentences they share.

Copies of an article (``duplicate_of``) are left out, so a syndicated story counts once.
``since``/``until`` keep the articles published in that window (ISO date prefixes, inclusive:
``--since 2018 --until 2018-06`` is January 2018 to June 2018).
"""
from __future__ import annotations

import bisect
import itertools
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field

from dossier.analyse.segment import segmentation
from dossier.model import Article
from dossier.store.base import Store


@dataclass
class NetworkNode:
    id: str
    name: str
    type: str
    mentions: int
    articles: int


@dataclass
class NetworkEdge:
    source: str
    target: str
    articles: int  # articles that name both
    sentences: int  # sentences that name both


@dataclass
class Network:
    nodes: list[NetworkNode] = field(default_factory=list)
    edges: list[NetworkEdge] = field(default_factory=list)
    articles: int = 0  # articles read (in the time window, not copies)
    since: str | None = None
    until: str | None = None


def _published_in(published: str | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    if not published:
        return False
    return (since is None or published[:len(since)] >= since) and (until is None or published[:len(until)] <= until)


def _sentence_sets(article: Article) -> tuple[set[str], list[set[str]], Counter]:
    """The entities of the article, of each of its sentences, and its mention counts."""
    starts = [s.start for s in segmentation(article.text).sentences]
    per_sentence: dict[int, set[str]] = {}
    counts: Counter = Counter()
    for mention in article.mentions:
        if mention.entity:
            counts[mention.entity] += 1
            number = max(0, bisect.bisect_right(starts, mention.start) - 1)
            per_sentence.setdefault(number, set()).add(mention.entity)
    return set(counts), list(per_sentence.values()), counts


def cooccurrence_network(store: Store, *, since: str | None = None, until: str | None = None,
                         min_articles: int = 1, entity_type: str | None = None) -> Network:
    """Nodes (entities with their mention and article counts) and edges (pairs with shared
    articles and sentences) over the stored articles; edges shared by fewer than
    ``min_articles`` articles are dropped, and with them nodes left without an edge."""
    known = {e.id: e for e in store.get_entities()}
    mentions: Counter = Counter()
    article_counts: Counter = Counter()
    pair_articles: Counter = Counter()
    pair_sentences: Counter = Counter()
    network = Network(since=since, until=until)
    for article in store.iter_articles():
        if article.duplicate_of or not _published_in(article.published, since, until):
            continue
        network.articles += 1
        entities, sentences, counts = _sentence_sets(article)
        if entity_type:
            keep = {e for e in entities if e in known and known[e].type == entity_type}
            entities, sentences = keep, [s & keep for s in sentences]
        mentions.update({e: counts[e] for e in entities})
        article_counts.update(entities)
        pair_articles.update(itertools.combinations(sorted(entities), 2))
        for sentence in sentences:
            pair_sentences.update(itertools.combinations(sorted(sentence), 2))
    for (a, b), shared in sorted(pair_articles.items()):
        if shared >= min_articles:
            network.edges.append(NetworkEdge(a, b, shared, pair_sentences[(a, b)]))
    linked = {e for edge in network.edges for e in (edge.source, edge.target)}
    nodes = linked if min_articles > 1 else set(article_counts)
    for entity_id in sorted(nodes):
        entity = known.get(entity_id)
        network.nodes.append(NetworkNode(entity_id, entity.name if entity else entity_id,
                                         entity.type if entity else "?", mentions[entity_id], article_counts[entity_id]))
    return network


_GRAPHML_KEYS = (("name", "node", "string"), ("type", "node", "string"), ("mentions", "node", "int"),
                 ("articles", "node", "int"), ("shared_articles", "edge", "int"),
                 ("shared_sentences", "edge", "int"))


def to_graphml(network: Network) -> str:
    """The network as GraphML (undirected; node attributes name, type, mentions, articles;
    edge attributes shared_articles, shared_sentences), for Gephi, yEd, Cytoscape, networkx."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    for name, scope, kind in _GRAPHML_KEYS:
        ET.SubElement(root, "key", {"id": name, "for": scope, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="cooccurrence", edgedefault="undirected")
    for node in network.nodes:
        element = ET.SubElement(graph, "node", id=node.id)
        for key, value in (("name", node.name), ("type", node.type), ("mentions", node.mentions),
                           ("articles", node.articles)):
            ET.SubElement(element, "data", key=key).text = str(value)
    for number, edge in enumerate(network.edges):
        element = ET.SubElement(graph, "edge", id=f"e{number}", source=edge.source, target=edge.target)
        ET.SubElement(element, "data", key="shared_articles").text = str(edge.articles)
        ET.SubElement(element, "data", key="shared_sentences").text = str(edge.sentences)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
