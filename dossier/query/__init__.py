"""Read-only questions across the stored articles, for the CLI, the HTTP API and the web UI
(they call these functions, never SQL). One module per concern:

    ledger.figure_ledger(store, subject=None, *, min_articles=1) -> list[Series]
    conflicts.find_conflicts(store, tolerance=0.05, subject=None) -> ConflictReport
    timeline.timeline(store, entity, *, layers=LAYERS, since=None, until=None) -> list[TimelineEntry]
    network.cooccurrence_network(store, *, since=None, until=None, min_articles=1, entity_type=None) -> Network
    network.to_graphml(network) -> str
    records.plain(result) -> JSON-ready values; records.write_csv(rows, out) -> int   (exports)
    events.find_events(store, *, event_type=None, entity=None, modality=None) -> list[EventRow]
    search.search(store, query, *, entity, source, since, until, layer, speaker, limit, offset) -> SearchResult

For the API and the web UI (through the store's indexed look-ups):

    articles.list_articles / with_display_titles / article_detail / corpus_counts
    entities.entity_list / find_entity_id / entity_dossier     (over resolve.entity_query)
    layers.list_quotes / list_times / list_figures / list_events
    ledger_views.entity_timeline / figure_series / conflict_report / network   (JSON-ready)
    pages.paginate(rows, limit, offset) -> Page       (page size capped at MAX_PAGE_SIZE)

``subject``/``entity`` is a name, alias or id (as ``dossier entity NAME``) or an Entity. The
linguistic rules of the ledger (attributes, periods, value roles, event amounts) are in
:mod:`dossier.query.figure_keys` and its data files.
"""
