"""Benchmark (not a test): one training epoch in PyTorch, the twin of TrainingBenchmark.java.

    python bench_torch.py DATA_FOLDER [--rounds 25] [--threads 1] [--profile-epochs 10]

Trains the same two models as the Java benchmark (the moons MLP 2-64-64-2 and the small CNN on
28x28 images) on the very data it wrote to DATA_FOLDER (data.json and little-endian float32
files), with the same batch size, optimizer (Adam, the same learning rate), loss, per-epoch
shuffling and per-batch loss and accuracy bookkeeping, on the same number of intra-op threads.
The loop is the plain one a PyTorch user writes for data already in memory: shuffled index
slices, no DataLoader. Prints medians and writes every epoch time to DATA_FOLDER/training-torch.json.
With --profile-epochs it also times each step of the batches apart (the split that
TrainingProfile.java measures for the DSL) into DATA_FOLDER/profile-torch.json.

Its home is beside the DSL's Java tests because it measures the DSL's competitor on the DSL's
data; install/bench.sh runs it from the benchmark environment (.venv-bench), where torch lives.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import torch
from torch import nn

WARMUP_ROUNDS = 3


def mlp() -> nn.Module:
    return nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2))


def cnn() -> nn.Module:
    # 28 -> conv 3 -> 26 -> pool 2 -> 13 -> conv 3 -> 11 -> pool 2 -> 5: 16 maps of 5x5 = 400 numbers
    return nn.Sequential(
        nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(400, 32), nn.ReLU(), nn.Linear(32, 2))


MODELS = {"mlp": mlp, "cnn": cnn}


def load(folder: Path, description: dict) -> tuple[torch.Tensor, torch.Tensor]:
    def floats(name: str) -> torch.Tensor:
        return torch.frombuffer(bytearray((folder / name).read_bytes()), dtype=torch.float32)

    x = floats(description["features"]).reshape(description["featureShape"])
    y = floats(description["labels"]).long()
    return x, y


def epoch(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor,
          batch: int, generator: torch.Generator) -> tuple[float, float]:
    """One pass over shuffled data; returns mean loss and accuracy as the DSL tracks them."""
    loss_fn = nn.functional.cross_entropy
    order = torch.randperm(len(x), generator=generator)
    total_loss, correct = 0.0, 0
    for start in range(0, len(x), batch):
        index = order[start:start + batch]
        xb, yb = x[index], y[index]
        optimizer.zero_grad()
        out = model(xb)
        loss = loss_fn(out, yb)
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(index)
        correct += (out.argmax(1) == yb).sum().item()
    return total_loss / len(x), correct / len(x)


def profile(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor,
            batch: int, epochs: int) -> dict:
    """Seconds spent in each step of the batches over ``epochs`` epochs (CPU ops run synchronously)."""
    steps = dict.fromkeys(("batch slicing", "forward", "loss", "backward", "optimizer step",
                           "zero_grad", "loss and accuracy bookkeeping"), 0.0)
    clock = time.perf_counter
    started = clock()
    for _ in range(epochs):
        order = torch.randperm(len(x))
        total_loss, correct = 0.0, 0
        for start in range(0, len(x), batch):
            t0 = clock()
            index = order[start:start + batch]
            xb, yb = x[index], y[index]
            t1 = clock()
            optimizer.zero_grad()
            t2 = clock()
            out = model(xb)
            t3 = clock()
            loss = nn.functional.cross_entropy(out, yb)
            t4 = clock()
            loss.backward()
            t5 = clock()
            optimizer.step()
            t6 = clock()
            total_loss += loss.item() * len(index)
            correct += (out.argmax(1) == yb).sum().item()
            t7 = clock()
            for name, seconds in zip(steps, (t1 - t0, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t2 - t1, t7 - t6)):
                steps[name] += seconds
    elapsed = clock() - started
    return {"epochs": epochs, "msPerEpoch": elapsed * 1000 / epochs,
            "stepsMsPerEpoch": {name: seconds * 1000 / epochs for name, seconds in steps.items()}}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder written by TrainingBenchmark.java")
    parser.add_argument("--rounds", type=int, default=25, help="measured epochs per model (default 25)")
    parser.add_argument("--threads", type=int, default=1, help="intra-op threads (default 1, as the DSL uses)")
    parser.add_argument("--profile-epochs", type=int, default=0, help="epochs of the MLP step split (default 0: none)")
    args = parser.parse_args(argv)

    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    data = json.loads((args.data / "data.json").read_text())
    results = {"threads": args.threads, "warmupRounds": WARMUP_ROUNDS, "rounds": args.rounds,
               "torch": torch.__version__, "python": sys.version.split()[0], "cases": []}
    print(f"torch {torch.__version__}, {args.threads} thread(s), {WARMUP_ROUNDS} warm-up + {args.rounds} measured epochs")
    profiles = {}
    for key, make in MODELS.items():
        x, y = load(args.data, data[key])
        model = make()
        optimizer = torch.optim.Adam(model.parameters(), lr=data["learningRate"])
        generator = torch.Generator().manual_seed(7)
        times = []
        for round_ in range(WARMUP_ROUNDS + args.rounds):
            started = time.perf_counter()
            loss, accuracy = epoch(model, optimizer, x, y, data[key]["batchSize"], generator)
            if round_ >= WARMUP_ROUNDS:
                times.append((time.perf_counter() - started) * 1000)
        print(f"  {key}: median {statistics.median(times):7.1f} ms per epoch (last loss {loss:.3f}, accuracy {accuracy:.3f})")
        results["cases"].append({"key": key, "torchMs": times, "lastLoss": loss, "lastAccuracy": accuracy})
        if args.profile_epochs:
            # Fewer CNN epochs, as TrainingProfile.java does: each is a few times longer.
            epochs = args.profile_epochs if key == "mlp" else max(1, args.profile_epochs // 3)
            split = profile(model, optimizer, x, y, data[key]["batchSize"], epochs)
            print(f"  {key} step split over {epochs} epochs: " + ", ".join(
                f"{name} {ms:.1f} ms" for name, ms in split["stepsMsPerEpoch"].items()))
            profiles[key] = split
    if profiles:
        (args.data / "profile-torch.json").write_text(json.dumps(profiles, indent=2))
    (args.data / "training-torch.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
