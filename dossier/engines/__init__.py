"""Engines run the same pure stage functions over many articles: in this
process, in a local process pool, or (for corpora that outgrow one machine)
on Spark."""
