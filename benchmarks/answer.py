"""4. Answer: warm `Assistant.ask` latency, time to first verified text and to first token, and
decode speed vs raw llama.cpp."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.common import (Config, base_settings, dev_questions, make_assistant, percentiles,
                               shared_generator)
from benchmarks.corpora import shipped_index

TARGET_FIRST_TOKEN_S = 0.8
TARGET_FIRST_TEXT_S = 0.4  # the answer's lead (its quotes) shown before the model writes
TARGET_P50_S = 1.5  # issue 17's warm answer target


class RecordingGenerator:
    """Passes through to the shipped generator and keeps the prompt it was given."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.last_messages = None

    def stream(self, messages, max_tokens):
        self.last_messages = messages
        return self.inner.stream(messages, max_tokens)


def raw_llama():
    from llama_cpp import Llama

    from assistant.models.generators import default_gguf_path

    settings = base_settings()
    path = Path(settings.llm_model_path) if settings.llm_model_path else default_gguf_path()
    return Llama(model_path=str(path), n_ctx=settings.llm_context_tokens, n_threads=settings.inference_threads,
                 verbose=False)


def timed_pipeline(bot, question: str) -> dict:
    started = time.perf_counter()
    token_times, first_text = [], None
    answer = None
    for event in bot.ask_stream(question):
        if event.kind == "token":
            token_times.append(time.perf_counter() - started)
        elif event.kind == "text" and first_text is None:
            first_text = time.perf_counter() - started
        elif event.kind == "answer":
            answer = event.answer
    return {"total": time.perf_counter() - started, "token_times": token_times, "refused": answer.refused,
            "timings": answer.timings, "first_text": first_text}


def timed_raw(llm, messages, max_tokens: int) -> dict:
    started = time.perf_counter()
    token_times = []
    for event in llm.create_chat_completion(messages=messages, max_tokens=max_tokens, temperature=0.0,
                                            stream=True, repeat_penalty=1.1):
        if event["choices"][0]["delta"].get("content"):
            token_times.append(time.perf_counter() - started)
    return {"total": time.perf_counter() - started, "token_times": token_times}


def decode_rate(runs: list[dict]) -> float | None:
    tokens = sum(len(r["token_times"]) - 1 for r in runs if len(r["token_times"]) > 1)
    seconds = sum(r["token_times"][-1] - r["token_times"][0] for r in runs if len(r["token_times"]) > 1)
    return tokens / seconds if seconds > 0 else None


def run(config: Config) -> dict:
    settings = base_settings()
    corpus, index = shipped_index(config)
    recorder = RecordingGenerator(shared_generator())
    bot = make_assistant(corpus, index, generator=recorder)
    llm = raw_llama()
    try:
        return _measure(config, settings, bot, recorder, llm) | {"corpus": str(corpus)}
    finally:
        llm.close()  # free it now, not in __del__ at interpreter exit (llama.cpp complains there)


def _measure(config: Config, settings, bot, recorder: RecordingGenerator, llm) -> dict:
    questions = dev_questions(config.answer_questions)
    warm = questions[0]["question"]
    timed_pipeline(bot, warm)  # loads the snapshot, warms both models
    if recorder.last_messages:
        timed_raw(llm, recorder.last_messages, settings.max_answer_tokens)

    pipeline, raw = [], []
    for row in questions:
        recorder.last_messages = None
        result = timed_pipeline(bot, row["question"])
        pipeline.append(result)
        if recorder.last_messages is not None:
            # A separate llama.cpp context, so its prompt cache holds the previous question, as the
            # pipeline's does: the two first-token times are comparable.
            raw.append(timed_raw(llm, recorder.last_messages, settings.max_answer_tokens))
    generated = [r for r in pipeline if r["token_times"]]
    first_token = percentiles([r["token_times"][0] for r in generated])
    raw_first_token = percentiles([r["token_times"][0] for r in raw if r["token_times"]])
    total = percentiles([r["total"] for r in pipeline])
    answered_total = percentiles([r["total"] for r in pipeline if not r["refused"]])
    pipe_rate, raw_rate = decode_rate(generated), decode_rate(raw)
    stages = {stage: percentiles([r["timings"][stage] for r in pipeline if stage in r["timings"]])
              for stage in ("retrieve", "evidence", "generate")}
    first_text = percentiles([r["first_text"] for r in pipeline if r["first_text"] is not None])
    first_ok = first_token.get("p50") is not None and first_token["p50"] <= TARGET_FIRST_TOKEN_S
    text_ok = first_text.get("p50") is not None and first_text["p50"] <= TARGET_FIRST_TEXT_S
    total_ok = total.get("p50") is not None and total["p50"] <= TARGET_P50_S
    return {
        "questions": len(pipeline), "refused": sum(r["refused"] for r in pipeline),
        "generated": len(generated), "ask_seconds": total, "ask_seconds_answered_only": answered_total,
        "first_verified_text_seconds": first_text,
        "first_token_seconds": first_token, "raw_llama_first_token_seconds": raw_first_token,
        "decode_tokens_per_s": pipe_rate, "raw_llama_decode_tokens_per_s": raw_rate,
        "decode_ratio": (pipe_rate / raw_rate) if pipe_rate and raw_rate else None,
        "tokens_per_answer": percentiles([len(r["token_times"]) for r in generated]),
        "stage_seconds": stages, "max_answer_tokens": settings.max_answer_tokens,
        "targets": {f"first verified text p50 <= {TARGET_FIRST_TEXT_S} s": text_ok,
                    f"first token p50 <= {TARGET_FIRST_TOKEN_S} s": first_ok,
                    f"ask p50 <= {TARGET_P50_S} s": total_ok},
        "met": first_ok and total_ok and text_ok,
    }
