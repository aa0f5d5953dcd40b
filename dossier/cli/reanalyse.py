"""`dossier reanalyse`: re-run changed analysis stages over stored articles (dossier/reanalyse.py)."""
from __future__ import annotations

import os
import sys

import click


@click.command("reanalyse")
@click.option("--stage", "stages", multiple=True, metavar="NAME",
              help="Re-run this stage (and the stages that read its layers) on every article, "
                   "even where its version is current. Repeatable.")
@click.option("--all", "everything", is_flag=True, help="Re-run every stage on every article.")
@click.option("--workers", "-j", default=1, show_default=True,
              help="Worker processes for the analysis (0 = one per CPU core).")
@click.option("--dry-run", is_flag=True, help="Only count what would be re-run; write nothing.")
@click.option("--start", default=0, show_default=True, metavar="N",
              help="Skip the first N articles (in ingest order): resume a stopped --stage/--all run.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def reanalyse(ctx, stages, everything, workers, dry_run, start, quiet):
    """Re-run the analysis stages whose model changed since an article was analysed.

    Each article records which model made each of its layers. This re-runs, on the stored
    clean text (ids and offsets stay), only the stages whose model or version differs from
    the installed one (or those named with --stage, or all with --all) and the stages that
    read their layers; writes each article in one transaction; and then resolves the
    changed articles' entities incrementally. A stopped run resumes when run again (a
    --stage/--all run with --start N, N as printed).

    \b
    Examples:
      dossier reanalyse                      (after installing a new model)
      dossier reanalyse --dry-run            (what would be re-run, per stage)
      dossier reanalyse --stage quotes -j 0  (new cue verbs: quotes and what reads them)
      dossier reanalyse --all
      dossier reanalyse --stage figures --start 5000   (resume a stopped run)
    """
    from tqdm import tqdm

    from dossier.reanalyse import Reanalysis
    from dossier.store import open_store

    with open_store(ctx.obj["db"]) as store:
        job = Reanalysis(store, stages=stages, everything=everything, workers=workers or os.cpu_count() or 1,
                         dry_run=dry_run)
        done = [start]
        with tqdm(desc="reanalyse", unit=" article", total=store.count_articles(), initial=start,
                  file=sys.stderr, disable=quiet or None, leave=False) as bar:
            def advance(n: int) -> None:
                done[0] += n
                bar.update(n)

            try:
                report = job.run(start, advance)
            except KeyboardInterrupt:
                click.echo(f"Stopped after {done[0]} articles; resume with: dossier reanalyse "
                           + " ".join([*(f"--stage {s}" for s in stages), *(["--all"] if everything else []),
                                       f"--start {done[0]}"]), err=True)
                raise
    click.echo(("Dry run: " if dry_run else "") + report.summary())
    for failure in report.failed:
        click.echo(f"Error: {failure}", err=True)
    if report.failed:
        ctx.exit(3)


def register(cli, *, eval_group, train_group) -> None:
    cli.add_command(reanalyse)
