"""`dossier train ner` and `dossier eval ner`: thin shells over dossier.analyse.ner."""
from __future__ import annotations

import json
from pathlib import Path

import click

DEFAULT_TRAIN = "../shared/data/germeval2014/train-outer-bio.tsv"


def register(cli: click.Group, *, eval_group: click.Group, train_group: click.Group) -> None:
    train_group.add_command(train_ner)
    train_group.add_command(train_clusters)
    train_group.add_command(train_ner_accurate)
    eval_group.add_command(eval_ner)


@click.command("ner")
@click.option("--train", "train_path", default=DEFAULT_TRAIN, show_default=True,
              type=click.Path(dir_okay=False), help="GermEval 2014 training file.")
@click.option("--out", default=None, type=click.Path(file_okay=False),
              help="Model directory to write (default: the one shipped in the package).")
@click.option("--shared", default="../shared", show_default=True, type=click.Path(file_okay=False),
              help="Folder with data/ for the unlabeled text the word clusters come from.")
@click.option("--rebuild-clusters", is_flag=True, help="Recompute the word clusters even if present.")
@click.option("--holdout", is_flag=True, help="Keep every 10th sentence back and print its F1.")
@click.option("--word-clusters", default=None, type=click.Path(dir_okay=False),
              help="Word-vector cluster table (`dossier train clusters`; default: the shipped one).")
@click.option("--no-word-clusters", is_flag=True, help="Train without word-vector clusters.")
@click.option("--smartdata/--no-smartdata", default=True, show_default=True,
              help="Also train on SmartData news sentences (from --shared; PER/ORG/LOC).")
@click.option("--self-train/--no-self-train", "self_train", default=False, show_default=True,
              help="Also train on 10kGNAD news sentences a first model tags confidently.")
@click.option("--teacher", default=None, type=click.Path(file_okay=False),
              help="With --self-train: an already trained first model to tag with.")
@click.option("--extended-features/--basic-features", "extended_features", default=True,
              show_default=True, help="The HanTa-lexicon, first-name, quote, genitive and "
              "English-frequency features (docs/ner.md).")
@click.option("--c1", default=1.0, show_default=True, help="L1 regularisation.")
@click.option("--c2", default=0.005, show_default=True, help="L2 regularisation.")
@click.option("--max-iterations", default=200, show_default=True, help="L-BFGS iterations.")
def train_ner(train_path, out, shared, rebuild_clusters, holdout, word_clusters, no_word_clusters,
              smartdata, self_train, teacher, extended_features, c1, c2, max_iterations):
    """Train the CRF named-entity model from GermEval 2014.

    \b
    Example:
      dossier train ner --train ../shared/data/germeval2014/train-outer-bio.tsv
      dossier train ner --out /tmp/ner-try --holdout --no-word-clusters
    """
    from dossier.analyse.ner.model import VECTOR_CLUSTER_FILE, default_model_dir
    from dossier.training.ner import TrainConfig, train

    shipped_table = default_model_dir() / VECTOR_CLUSTER_FILE
    if no_word_clusters:
        table = None
    elif word_clusters:
        table = Path(word_clusters)
    else:
        table = shipped_table if shipped_table.exists() else None
    config = TrainConfig(train=Path(train_path), out=Path(out) if out else default_model_dir(),
                         shared=Path(shared), c1=c1, c2=c2, max_iterations=max_iterations,
                         holdout=holdout, rebuild_clusters=rebuild_clusters, smartdata=smartdata,
                         self_train=self_train, teacher=Path(teacher) if teacher else None,
                         extended_features=extended_features, word_clusters=table)
    train(config, echo=click.echo)


@click.command("clusters")
@click.option("--shared", default="../shared", show_default=True, type=click.Path(file_okay=False),
              help="Folder with data/parliament-de and the news text.")
@click.option("--out", default=None, type=click.Path(dir_okay=False),
              help="Table to write (default: wordvec_clusters.tsv of the shipped NER model).")
@click.option("--work", default="../scratch-clusters", show_default=True,
              type=click.Path(file_okay=False),
              help="Folder for the tokenised corpus and the vectors (about 1 GB; reused by a rerun).")
@click.option("--dimensions", default=200, show_default=True, help="word2vec vector size.")
@click.option("--epochs", default=3, show_default=True, help="word2vec passes over the corpus.")
@click.option("--min-count", default=5, show_default=True, help="Ignore rarer words.")
@click.option("--vocabulary", default=300_000, show_default=True,
              help="How many of the most frequent words get cluster ids.")
@click.option("--granularities", default="100,500,2000", show_default=True,
              help="Numbers of k-means clusters, coarse to fine (comma-separated).")
@click.option("--max-lines", default=0, show_default=True,
              help="Use only the first lines of parliament-de (0 = all; for a quick trial).")
@click.option("--workers", default=2, show_default=True, help="word2vec threads.")
def train_clusters(shared, out, work, dimensions, epochs, min_count, vocabulary, granularities,
                   max_lines, workers):
    """Build the NER model's word-vector clusters from parliament-de and the news text.

    Needs gensim (pip install 'dossier-news[train]'). Tokenises the corpus,
    trains word2vec and writes word -> k-means cluster ids; `dossier train ner`
    then uses the table found in its --out folder.

    \b
    Example:
      dossier train clusters --shared ../shared --work /tmp/clusters
      dossier train clusters --max-lines 200000 --out /tmp/try/wordvec_clusters.tsv
    """
    from dossier.analyse.ner.model import VECTOR_CLUSTER_FILE, default_model_dir
    from dossier.training.word_clusters import ClusterConfig, build_word_clusters

    try:
        sizes = tuple(int(k) for k in granularities.split(","))
    except ValueError:
        raise click.BadParameter("comma-separated integers, e.g. 100,500,2000",
                                 param_hint="--granularities") from None
    target = Path(out) if out else default_model_dir() / VECTOR_CLUSTER_FILE
    config = ClusterConfig(shared=Path(shared), out=target, work=Path(work), dimensions=dimensions,
                           epochs=epochs, min_count=min_count, vocabulary=vocabulary,
                           granularities=sizes, max_lines=max_lines, workers=workers)
    build_word_clusters(config, echo=click.echo)


@click.command("ner")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--model", default=None, type=click.Path(file_okay=False),
              help="Model directory (default: the shipped model of the --ner tagger).")
@click.option("--ner", "ner_kind", type=click.Choice(["crf", "accurate"]), default="crf", show_default=True,
              help="Which tagger: the fast CRF or the accurate BiLSTM-CRF.")
def eval_ner(file, as_json, model, ner_kind):
    """Score the NER model on a GermEval 2014 TSV (outer chunks, exact span and label).

    \b
    Examples:
      dossier eval ner ../shared/data/germeval2014/NER-de-dev.tsv --json
      dossier eval ner ../shared/data/germeval2014/NER-de-dev.tsv --ner accurate
      dossier eval ner ../shared/data/germeval2014/NER-de-dev.tsv --ner accurate --model /tmp/ner-acc
    """
    from dossier.analyse.ner.model import NerModel, load_default
    from dossier.eval.ner import evaluate_file, format_report

    if ner_kind == "accurate":
        from dossier.analyse.ner.neural import accurate_tagger, load_accurate

        tagger = accurate_tagger(Path(model)) if model else load_accurate()
    else:
        tagger = NerModel(Path(model)) if model else load_default()
    report = evaluate_file(file, tagger.tag)
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        click.echo(format_report(report))


@click.command("ner-accurate")
@click.option("--train", "train_path", default=DEFAULT_TRAIN, show_default=True,
              type=click.Path(dir_okay=False), help="GermEval 2014 training file.")
@click.option("--vectors", default="../scratch-clusters/vectors-d200-w5-e3-m5-all.kv", show_default=True,
              type=click.Path(dir_okay=False),
              help="gensim word vectors (written to --work by `dossier train clusters`).")
@click.option("--out", default=None, type=click.Path(file_okay=False),
              help="Model directory to write (default: the one shipped in the package).")
@click.option("--shared", default="../shared", show_default=True, type=click.Path(file_okay=False),
              help="Folder with data/smartdata (extra news sentences).")
@click.option("--dev", default=None, type=click.Path(dir_okay=False),
              help="A GermEval file scored after every epoch (reported only, never used to choose).")
@click.option("--holdout", is_flag=True,
              help="Keep every 10th training sentence back; keep the epoch that scores best on it.")
@click.option("--smartdata/--no-smartdata", default=True, show_default=True,
              help="Also train on SmartData news sentences (PER/ORG/LOC).")
@click.option("--epochs", default=12, show_default=True, help="At most this many passes.")
@click.option("--patience", default=3, show_default=True,
              help="With --holdout: stop after this many epochs without a better held-out F1.")
@click.option("--vocabulary", default=150_000, show_default=True, help="Word vectors that ship.")
@click.option("--dimensions", default=100, show_default=True, help="PCA size of the shipped vectors.")
@click.option("--hidden", default=150, show_default=True, help="LSTM units per direction.")
@click.option("--learning-rate", default=0.002, show_default=True, help="Adam step size.")
@click.option("--max-sentences", default=0, show_default=True, help="Only the first N sentences (a trial).")
@click.option("--threads", default=1, show_default=True, help="PyTorch threads.")
def train_ner_accurate(train_path, vectors, out, shared, dev, holdout, smartdata, epochs, patience,
                       vocabulary, dimensions, hidden, learning_rate, max_sentences, threads):
    """Train the accurate NER tagger (BiLSTM-CRF over word vectors; `--ner accurate`).

    Needs pip install 'dossier-news[train]' (PyTorch, gensim); the model it writes
    runs with numpy only. Word vectors come from `dossier train clusters --work DIR`.

    \b
    Examples:
      dossier train clusters --work ../scratch-clusters
      dossier train ner-accurate --vectors ../scratch-clusters/vectors-d200-w5-e3-m5-all.kv
      dossier train ner-accurate --out /tmp/ner-acc --holdout --dev ../shared/data/germeval2014/NER-de-dev.tsv
    """
    from dossier.analyse.ner.neural import accurate_model_dir
    from dossier.training.ner_neural import NeuralConfig, train_accurate

    config = NeuralConfig(train=Path(train_path), out=Path(out) if out else accurate_model_dir(),
                          vectors=Path(vectors), shared=Path(shared), dev=Path(dev) if dev else None,
                          holdout=holdout, smartdata=smartdata, epochs=epochs, patience=patience,
                          vocabulary=vocabulary, dimensions=dimensions, hidden=hidden,
                          learning_rate=learning_rate, max_sentences=max_sentences, threads=threads)
    train_accurate(config, echo=click.echo)
