"""Readers for the public data-set formats that evaluation and training read
(GermEval 2014, SmartData, Corpus Redewiedergabe, SpkAtt-2023)."""
