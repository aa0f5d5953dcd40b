from dossier.eval.metrics import f1, prf, ratio


def test_counts_and_fractional_credit():
    assert prf(3, 4, 3, 6) == (0.75, 0.5, 0.6)
    precision, recall, score = prf(1.5, 2, 1.0, 4)
    assert (precision, recall) == (0.75, 0.25) and abs(score - 0.375) < 1e-12


def test_nothing_predicted_or_nothing_to_find_scores_zero_not_an_error():
    assert prf(0, 0, 0, 5) == (0.0, 0.0, 0.0)
    assert ratio(3, 0) == 0.0 and f1(0.0, 0.0) == 0.0
