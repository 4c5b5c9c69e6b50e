"""The segmenter's features of a unit repeat its neighbours' own features under "p1:", "n1:", "p2:", "n2:"."""
from __future__ import annotations

from pipeline.extract.cleaning import clean
from pipeline.extract.layout import _CONTEXT, unit_features
from pipeline.extract.units import units_of

REPLY = ("Dear Ms Okafor,\n\nThank you for your request.\n\n1. How many wardens do you employ?\n\nWe employ 14 wardens.\n\n"
         "2. Please provide the budget for 2023/24.\n\nThe budget is attached.\n\nIf you are dissatisfied you have the right "
         "to request an internal review.\n\nYours sincerely\n\nInformation Team")
NEIGHBOURS = (("p1", -1), ("n1", 1), ("p2", -2), ("n2", 2))


def test_each_neighbour_s_own_features_in_order_and_none_past_the_ends() -> None:
    # The neighbours' keys are spelt once and each unit's shown features looked for once: every unit still
    # repeats exactly the context features each neighbour has, in _CONTEXT's order, and "none" past an end.
    units = units_of(clean(REPLY, "txt"))
    features = unit_features(units)
    assert len(features) == len(units) >= 8
    for i, g in enumerate(features):
        for name, d in NEIGHBOURS:
            j = i + d
            repeated = [k.split(":", 1)[1] for k in g if k.startswith(name + ":") and k != name + ":req_sim"]
            if 0 <= j < len(units):
                assert repeated == [k for k in _CONTEXT if k in features[j]]
            else:
                assert repeated == ["none"]
    assert "n1:end?" in features[1] and "p1:lab=question" in features[3] and "p2:greeting" in features[2]
