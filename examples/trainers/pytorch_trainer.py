#!/usr/bin/env python3
"""A Fairtune external trainer in PyTorch: an MLP classifier trained with the trial's optimizer and learning rates.

Register it on a worker (see the README, "External trainers"):

    fairtune.worker.trainers.torch.command=/opt/venv/bin/python,/opt/fairtune/examples/trainers/pytorch_trainer.py

and name it in a study: "workload": {"trainer": "torch", "dataset": "fashion-mnist", "model": "mlp", ...}.

- dataset: "fashion-mnist" reads the IDX files of Debian's dataset-fashion-mnist from FASHION_MNIST_DIR
  (default /usr/share/datasets/fashion-mnist); "synthetic" generates a 10-class task from a fixed seed.
- model: "mlp" (784-256-256-10, ReLU) or "mlp-<width>".
- optimizers, exactly as OPTIMIZERS.md: sgd, heavy_ball, nesterov (learning rate outside the momentum buffer, coupled
  weight decay), adam (no weight decay), adamw (decoupled decay scaled by the current rate). Others exit with code 2.
  exclude_bias_and_norm=true spares rank-1 tensors from weight decay; label_smoothing smooths the training loss.
- every step uses the learning rate the worker computed for it (input "learning_rates"); the seed fixes the weights
  and the data order (torch.use_deterministic_algorithms on CPU).

Protocol: one JSON object per line on stdout, {"step", "train_loss", "val_loss", "val_accuracy"} every
eval_every_steps steps and at the last one, then {"result": {...}} with test_accuracy and test_loss when
evaluate_on_test is true. A non-finite training loss is reported at once and the script exits (DIVERGED).
Needs torch and numpy; not run by Fairtune's tests.
"""
import gzip
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F


def main():
    path = sys.argv[-1] if len(sys.argv) > 1 else os.environ["FAIRTUNE_TRIAL_INPUT"]
    with open(path) as f:
        trial = json.load(f)
    w = trial["workload"]
    hp = trial["hyperparameters"]
    seed = trial["seed"] & 0x7FFF_FFFF_FFFF_FFFF
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    generator = torch.Generator().manual_seed(seed)

    train_x, train_y, test_x, test_y = load(w["dataset"])
    validation = w["validation_examples"] or min(10_000, len(train_x) // 6)
    val_x, val_y = train_x[-validation:], train_y[-validation:]
    train_x, train_y = train_x[:-validation], train_y[:-validation]
    model = build(w["model"], train_x.shape[1], int(train_y.max()) + 1)
    step_fn = Optimizer(trial["optimizer"], hp, list(model.named_parameters()))
    smoothing = hp.get("label_smoothing", 0.0)
    rates = trial["learning_rates"]
    batch, steps, every = w["batch_size"], w["training_steps"], w["eval_every_steps"]
    print(f"torch: {trial['optimizer']} on {w['model']}/{w['dataset']}, {steps} steps of {batch}", file=sys.stderr,
          flush=True)

    order, cursor = torch.randperm(len(train_x), generator=generator), 0
    loss_sum, loss_count = 0.0, 0
    for t in range(steps):
        if cursor + batch > len(order):
            order, cursor = torch.randperm(len(train_x), generator=generator), 0
        index = order[cursor:cursor + batch]
        cursor += batch
        model.train()
        loss = F.cross_entropy(model(train_x[index]), train_y[index], label_smoothing=smoothing)
        if not math.isfinite(loss.item()):
            emit({"step": t + 1, "train_loss": float("nan"), "val_loss": float("nan"), "val_accuracy": float("nan")})
            return
        model.zero_grad(set_to_none=True)
        loss.backward()
        step_fn.apply(rates[t], t)
        loss_sum += loss.item()
        loss_count += 1
        if (t + 1) % every == 0 or t + 1 == steps:
            val_loss, val_acc = evaluate(model, val_x, val_y)
            emit({"step": t + 1, "train_loss": loss_sum / loss_count, "val_loss": val_loss, "val_accuracy": val_acc})
            loss_sum, loss_count = 0.0, 0
    result = {}
    if trial["evaluate_on_test"]:
        test_loss, test_acc = evaluate(model, test_x, test_y)
        result = {"test_accuracy": test_acc, "test_loss": test_loss}
    emit({"result": result})


class Optimizer:
    """The update rules of OPTIMIZERS.md, per parameter tensor, applied after backward()."""

    def __init__(self, name, hp, named_parameters):
        if name not in ("sgd", "heavy_ball", "nesterov", "adam", "adamw"):
            print(f"torch: optimizer {name} is not implemented by this example", file=sys.stderr, flush=True)
            sys.exit(2)
        self.name, self.hp = name, hp
        self.params = [(n, p) for n, p in named_parameters]
        self.state = {n: {"v": torch.zeros_like(p), "m": torch.zeros_like(p), "s": torch.zeros_like(p)}
                      for n, p in self.params}

    @torch.no_grad()
    def apply(self, lr, t):
        hp = self.hp
        for name, p in self.params:
            g, st = p.grad, self.state[name]
            decay = 0.0 if hp.get("exclude_bias_and_norm", False) and p.dim() == 1 else hp.get("weight_decay", 0.0)
            if self.name in ("sgd", "heavy_ball", "nesterov"):
                g = g + decay * p
                if self.name == "sgd":
                    p.sub_(lr * g)
                    continue
                mu = hp["momentum"]
                st["v"].mul_(mu).add_(g)
                p.sub_(lr * (g + mu * st["v"]) if self.name == "nesterov" else lr * st["v"])
            else:
                b1, b2, eps = hp["beta1"], hp["beta2"], hp["epsilon"]
                st["m"].mul_(b1).add_((1 - b1) * g)
                st["s"].mul_(b2).add_((1 - b2) * g * g)
                m_hat = st["m"] / (1 - b1 ** (t + 1))
                s_hat = st["s"] / (1 - b2 ** (t + 1))
                update = m_hat / (s_hat.sqrt() + eps)
                if self.name == "adamw":
                    update = update + decay * p
                p.sub_(lr * update)


def build(model, inputs, classes):
    width = 256 if model == "mlp" else int(model.split("-", 1)[1]) if model.startswith("mlp-") else None
    if width is None:
        print(f"torch: unknown model {model} (mlp or mlp-<width>)", file=sys.stderr, flush=True)
        sys.exit(2)
    return torch.nn.Sequential(torch.nn.Linear(inputs, width), torch.nn.ReLU(), torch.nn.Linear(width, width),
                               torch.nn.ReLU(), torch.nn.Linear(width, classes))


@torch.no_grad()
def evaluate(model, x, y):
    model.eval()
    logits = torch.cat([model(x[i:i + 4096]) for i in range(0, len(x), 4096)])
    return F.cross_entropy(logits, y).item(), (logits.argmax(1) == y).float().mean().item()


def load(dataset):
    if dataset == "fashion-mnist":
        root = os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")
        return (idx(root, "train-images-idx3-ubyte"), idx(root, "train-labels-idx1-ubyte"),
                idx(root, "t10k-images-idx3-ubyte"), idx(root, "t10k-labels-idx1-ubyte"))
    if dataset == "synthetic":
        rng = np.random.default_rng(12345)
        centers = rng.normal(size=(10, 64)) * 0.25
        labels = rng.integers(0, 10, size=14_000)
        features = centers[labels] + rng.normal(size=(14_000, 64))
        x, y = torch.tensor(features, dtype=torch.float32), torch.tensor(labels)
        return x[:12_000], y[:12_000], x[12_000:], y[12_000:]
    print(f"torch: unknown dataset {dataset} (fashion-mnist or synthetic)", file=sys.stderr, flush=True)
    sys.exit(2)


def idx(root, name):
    path = next(p for p in (os.path.join(root, name), os.path.join(root, name + ".gz")) if os.path.exists(p))
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    array = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)
    if dims == 1:
        return torch.tensor(array.astype(np.int64))
    return torch.tensor(array.reshape(shape[0], -1).astype(np.float32) / 255.0)


def emit(line):
    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
