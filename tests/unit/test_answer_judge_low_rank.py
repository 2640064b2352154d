"""The judge's low-rank changes: training starts from the base map, and merging a learned
change into the weights computes what the separate change computed."""

import torch

from assistant.models.answer_judge import LowRankChange


def test_a_new_change_leaves_the_linear_map_as_it_was():
    torch.manual_seed(0)
    linear = torch.nn.Linear(8, 5)
    x = torch.randn(3, 8)
    before = linear(x).detach()
    LowRankChange(torch, linear)
    torch.testing.assert_close(linear(x), before)


def test_merging_a_learned_change_keeps_the_maps_output():
    torch.manual_seed(0)
    linear = torch.nn.Linear(8, 5)
    x = torch.randn(3, 8)
    base = linear(x).detach()
    change = LowRankChange(torch, linear)
    with torch.no_grad():
        change.up.normal_()
    changed = linear(x).detach()
    assert not torch.allclose(changed, base)
    change.merge()
    torch.testing.assert_close(linear(x).detach(), changed, rtol=1e-5, atol=1e-5)
