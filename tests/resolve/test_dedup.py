from dossier.resolve.dedup import (NearDuplicateIndex, signature, signature_bytes,
                                    signature_from_bytes)

STORY = ("Die Stadtwerke Neustadt erhöhen zum ersten Januar die Preise für Fernwärme um durchschnittlich "
         "zwölf Prozent. Ein Sprecher begründete den Schritt mit gestiegenen Kosten für Gas und Personal. "
         "Verbraucherschützer kritisierten die Erhöhung als zu hoch und rieten Kunden, ihre Abrechnungen "
         "genau zu prüfen. Der Stadtrat will sich in seiner nächsten Sitzung mit dem Thema befassen.")
OTHER = ("Der FC Neustadt hat sein Heimspiel gegen den Tabellenführer mit zwei zu eins gewonnen. Beide "
         "Tore fielen in der zweiten Halbzeit, der Trainer lobte die Moral seiner Mannschaft ausdrücklich.")


def test_near_duplicate_with_changed_ending_is_found():
    index = NearDuplicateIndex()
    index.add("a1", signature(STORY))
    index.add("b2", signature(OTHER))
    copy = STORY.replace("in seiner nächsten Sitzung", "bald") + " Quelle: Agentur."
    assert index.find(signature(copy)) == "a1"


def test_different_story_is_not_a_duplicate():
    index = NearDuplicateIndex()
    index.add("a1", signature(STORY))
    assert index.find(signature(OTHER)) is None


def test_signature_survives_storage_round_trip():
    minhash = signature(STORY)
    restored = signature_from_bytes(signature_bytes(minhash))
    assert restored.jaccard(minhash) == 1.0
