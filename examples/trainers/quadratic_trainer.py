#!/usr/bin/env python3
"""A dependency-free Fairtune trainer (python3 standard library only) for tests and a first look at the protocol.

It "trains" a point on a known function, the quadratic bowl f(x) = 1/2 sum_i c_i x_i^2 with curvatures c_i from 1 to
10, from a start drawn with the trial's seed, with noisy gradients (noise shrinks with the batch size), applying the
trial's optimizer at the learning rate the worker computed for every step. It reports f at the current point as the
validation loss, the mean noisy loss since the last evaluation as the training loss, and exp(-f) as the validation
"accuracy". The same input gives the same output, line for line.

The workload's model selects test behaviour:
  point           train normally
  crash-at-K      write to stderr, then kill itself with SIGKILL at step K (a trainer killed mid-trial)
  diverge-at-K    report a non-finite loss at step K (a diverging run)
  exit-at-K       exit with code 3 at step K, after an error on stderr
  slow-K          sleep K milliseconds per step (long enough to cancel)
  garbage-at-K    print a line that is not JSON at step K

Protocol (see the README, "External trainers"): the input file's path is the last argument (and FAIRTUNE_TRIAL_INPUT);
stdout carries one JSON object per line, measurements then one result line; anything else goes to stderr.
"""
import json
import math
import os
import random
import signal
import sys
import time

DIMENSIONS = 8
NOISE = 0.5


def main():
    path = sys.argv[-1] if len(sys.argv) > 1 else os.environ["FAIRTUNE_TRIAL_INPUT"]
    with open(path) as f:
        trial = json.load(f)
    workload = trial["workload"]
    steps = workload["training_steps"]
    every = workload["eval_every_steps"]
    batch = workload["batch_size"]
    rates = trial["learning_rates"]
    hp = trial["hyperparameters"]
    optimizer = trial["optimizer"]
    mode, at = behaviour(workload["model"])

    rng = random.Random(trial["seed"])
    curvature = [10 ** (i / (DIMENSIONS - 1)) for i in range(DIMENSIONS)]
    x = [rng.gauss(0.0, 1.0) for _ in range(DIMENSIONS)]
    state = {"v": [0.0] * DIMENSIONS, "m": [0.0] * DIMENSIONS, "s": [0.0] * DIMENSIONS}
    noise = NOISE / math.sqrt(batch)
    print(f"quadratic: {optimizer} on {DIMENSIONS} dimensions, {steps} steps, seed {trial['seed']}",
          file=sys.stderr, flush=True)

    loss_sum, loss_count = 0.0, 0
    for t in range(steps):
        step = t + 1
        if mode == "slow":
            time.sleep(at / 1000.0)
        grad = [c * xi + rng.gauss(0.0, noise) for c, xi in zip(curvature, x)]
        loss_sum += loss(curvature, x)
        loss_count += 1
        update(optimizer, hp, state, x, grad, rates[t], t)
        if mode == "crash-at" and step == at:
            print(f"quadratic: step {step}: about to be killed (SIGKILL)", file=sys.stderr, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        if mode == "exit-at" and step == at:
            print(f"quadratic: step {step}: giving up with exit code 3", file=sys.stderr, flush=True)
            sys.exit(3)
        if mode == "garbage-at" and step == at:
            print("this is not JSON", flush=True)
        value = loss(curvature, x)
        if (mode == "diverge-at" and step == at) or not math.isfinite(value) or value > 1e12:
            emit({"step": step, "train_loss": float("inf"), "val_loss": float("nan"), "val_accuracy": float("nan")})
            return
        if step % every == 0 or step == steps:
            emit({"step": step, "train_loss": loss_sum / loss_count, "val_loss": value,
                  "val_accuracy": math.exp(-value)})
            loss_sum, loss_count = 0.0, 0
    result = {}
    if trial["evaluate_on_test"]:
        value = loss(curvature, x)
        result = {"test_accuracy": math.exp(-value), "test_loss": value}
    emit({"result": result})


def behaviour(model):
    for mode in ("crash-at", "diverge-at", "exit-at", "garbage-at", "slow"):
        if model.startswith(mode + "-"):
            return mode, int(model[len(mode) + 1:])
    return "point", 0


def loss(curvature, x):
    return 0.5 * sum(c * xi * xi for c, xi in zip(curvature, x))


def update(optimizer, hp, state, x, grad, lr, t):
    """The update rules of OPTIMIZERS.md for one tensor (x); lars and lamb are beyond this example."""
    wd = hp.get("weight_decay", 0.0)
    if optimizer in ("sgd", "heavy_ball", "nesterov"):
        mu = hp.get("momentum", 0.0)
        for i in range(len(x)):
            g = grad[i] + wd * x[i]
            if optimizer == "sgd":
                x[i] -= lr * g
                continue
            state["v"][i] = mu * state["v"][i] + g
            x[i] -= lr * (g + mu * state["v"][i] if optimizer == "nesterov" else state["v"][i])
    elif optimizer in ("adam", "adamw"):
        b1, b2, eps = hp["beta1"], hp["beta2"], hp["epsilon"]
        for i in range(len(x)):
            g = grad[i]
            state["m"][i] = b1 * state["m"][i] + (1 - b1) * g
            state["s"][i] = b2 * state["s"][i] + (1 - b2) * g * g
            m_hat = state["m"][i] / (1 - b1 ** (t + 1))
            s_hat = state["s"][i] / (1 - b2 ** (t + 1))
            step = m_hat / (math.sqrt(s_hat) + eps)
            if optimizer == "adamw":
                step += wd * x[i]
            x[i] -= lr * step
    else:
        print(f"quadratic: optimizer {optimizer} is not implemented here", file=sys.stderr, flush=True)
        sys.exit(2)


def emit(line):
    # Python writes non-finite floats as NaN and Infinity, which the protocol accepts.
    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
