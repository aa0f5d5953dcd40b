"""Training code for the shipped models and builders of the generated word lists.

Nothing here runs in an analysis stage: the stages under :mod:`dossier.analyse`
only load what these modules write (``dossier train ner|quotes``).
"""
