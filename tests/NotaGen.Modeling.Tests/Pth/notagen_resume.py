#!/usr/bin/python3
"""Resumes NotaGen's training from a checkpoint `notagen model export --with-optimizer` wrote, as NotaGen's
pretrain/train-gen.py does with LOAD_FROM_CHECKPOINT, on NotaGen's own model code (built by the shared oracle), and
checks what it loaded against our training checkpoint (a safetensors file, read here with nothing of ours).

  notagen_resume.py ORACLE_DIR EXPORTED.pth OURS.ckpt --hidden H --patch-layers P --char-layers C --patch-length L
                    --lr LR --betas B1 B2 --eps EPS --weight-decay WD --steps N --epoch E --min-eval-loss X

Prints one JSON line of findings; exit 0 when every check passes, 1 otherwise (the failures named)."""
import argparse, copy, functools, json, math, struct, sys

import torch


def read_safetensors(path):
    """name -> float32 tensor, and the metadata: 8-byte header length, JSON header, little-endian data."""
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__" or entry["dtype"] != "F32":
            continue
        start, end = entry["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(data[start:end]), dtype=torch.float32).reshape(entry["shape"])
    return tensors, header.get("__metadata__", {})


def constant_schedule_with_warmup(current_step, *, num_warmup_steps):
    # transformers 4.40's get_constant_schedule_with_warmup lambda (a functools.partial of this function there too)
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1.0, num_warmup_steps))
    return 1.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("oracle_dir")
    p.add_argument("exported")
    p.add_argument("ours")
    for name in ["hidden", "patch-layers", "char-layers", "patch-length", "steps", "epoch"]:
        p.add_argument("--" + name, type=int, required=True)
    for name in ["lr", "eps", "weight-decay", "min-eval-loss"]:
        p.add_argument("--" + name, type=float, required=True)
    p.add_argument("--betas", type=float, nargs=2, required=True)
    a = p.parse_args()
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    sys.path.insert(0, a.oracle_dir)
    import oracle                                     # NotaGen's model code behind the shared oracle's builder
    torch.manual_seed(0)
    model, patch_size = oracle.build(a)
    learning_rate = 0.5 * a.lr                        # config.py's LEARNING_RATE; the checkpoint's param group wins

    # pretrain/train-gen.py: an AdamW, the warm-up scheduler built on it, then the AdamW that is actually used.
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate)
    lr_scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, functools.partial(constant_schedule_with_warmup, num_warmup_steps=1000))
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate)
    fresh_group_keys = sorted(optimizer.state_dict()["param_groups"][0].keys())

    # LOAD_FROM_CHECKPOINT, as the script does it (single-device branch).
    checkpoint = torch.load(a.exported, map_location="cpu")
    check(sorted(checkpoint.keys()) == sorted(["model", "optimizer", "lr_sched", "epoch", "best_epoch", "min_eval_loss"]),
          f"top-level keys {sorted(checkpoint.keys())}")
    cpu_model = copy.deepcopy(model)
    cpu_model.load_state_dict(checkpoint["model"])    # strict: raises on any missing or unexpected key
    model.load_state_dict(cpu_model.state_dict())
    optimizer.load_state_dict(checkpoint["optimizer"])
    lr_scheduler.load_state_dict(checkpoint["lr_sched"])
    pre_epoch = checkpoint["epoch"]
    best_epoch = checkpoint["best_epoch"]
    min_eval_loss = checkpoint["min_eval_loss"]

    ours, _ = read_safetensors(a.ours)
    named = list(model.named_parameters())            # NotaGen's parameters() order; lm_head is wte, counted once
    moments_equal, stateless = 0, []
    for name, parameter in named:
        state = optimizer.state.get(parameter, {})
        check(torch.equal(parameter.detach(), ours["model/" + name]), f"weight {name}")
        if not state and not ours["optimizer/m/" + name].any() and not ours["optimizer/v/" + name].any():
            stateless.append(name)                    # no gradient ever reached it: torch keeps no state either
            continue
        if torch.equal(state.get("exp_avg", torch.empty(0)), ours["optimizer/m/" + name]) and \
           torch.equal(state.get("exp_avg_sq", torch.empty(0)), ours["optimizer/v/" + name]):
            moments_equal += 1
        else:
            failures.append(f"moments of {name}")
        check(float(state.get("step", -1)) == a.steps, f"step of {name}: {state.get('step')}")
    group = optimizer.param_groups[0]
    check(sorted(k for k in group.keys()) == fresh_group_keys, f"param group keys {sorted(group.keys())} vs torch's {fresh_group_keys}")
    check(group["lr"] == a.lr and tuple(group["betas"]) == tuple(a.betas) and group["eps"] == a.eps
          and group["weight_decay"] == a.weight_decay, f"param group {({k: v for k, v in group.items() if k != 'params'})}")
    check((pre_epoch, best_epoch) == (a.epoch, a.epoch), f"epoch {pre_epoch}, best_epoch {best_epoch}")
    check(min_eval_loss == a.min_eval_loss, f"min_eval_loss {min_eval_loss}")

    # The scheduler as NotaGen's, stepped once per update for as many updates.
    reference_optimizer = torch.optim.AdamW([torch.nn.Parameter(torch.zeros(1))], lr=a.lr)
    reference = torch.optim.lr_scheduler.LambdaLR(
        reference_optimizer, functools.partial(constant_schedule_with_warmup, num_warmup_steps=1000))
    for _ in range(a.steps):
        reference_optimizer.step()
        reference.step()
    check(lr_scheduler.state_dict() == reference.state_dict(),
          f"lr_sched {lr_scheduler.state_dict()} vs torch's {reference.state_dict()}")

    # One AdamW update from the loaded state, against the update computed by hand from our moments.
    g = torch.Generator().manual_seed(7)
    patches = torch.randint(3, 128, (1, 4 * patch_size), generator=g)
    masks = torch.ones(1, 4, dtype=torch.long)
    before = {name: parameter.detach().clone() for name, parameter in named}
    model.eval()                                      # no dropout: the gradient is the one used below
    optimizer.zero_grad()
    model(patches, masks).loss.backward()
    check(all((parameter.grad is None) == (name in stateless) for name, parameter in named),
          f"the parameters without state {stateless} are not those without a gradient")
    named = [(name, parameter) for name, parameter in named if parameter.grad is not None]
    grads = {name: parameter.grad.detach().clone() for name, parameter in named}
    optimizer.step()
    lr, (b1, b2), eps, wd, t = a.lr, a.betas, a.eps, a.weight_decay, a.steps + 1

    def expected(name, m0, v0, step):
        gr = grads[name]
        m = b1 * m0 + (1 - b1) * gr
        v = b2 * v0 + (1 - b2) * gr * gr
        denominator = (v.sqrt() / math.sqrt(1 - b2 ** step)) + eps
        return before[name] * (1 - lr * wd) - (lr / (1 - b1 ** step)) * m / denominator

    step_error = max((parameter.detach() - expected(name, ours["optimizer/m/" + name], ours["optimizer/v/" + name], t)).abs().max().item()
                     for name, parameter in named)
    # What a resume without the moments would have done: the check above can tell the two apart.
    fresh_error = max((parameter.detach() - expected(name, torch.zeros_like(before[name]), torch.zeros_like(before[name]), 1)).abs().max().item()
                      for name, parameter in named)
    check(step_error <= 1e-7, f"one AdamW step differs from the update with our moments by {step_error}")
    check(fresh_error > 100 * max(step_error, 1e-9), f"the update with fresh moments is as close ({fresh_error})")
    check(all(float(optimizer.state[p]["step"]) == a.steps + 1 for _, p in named), "step after the update")

    print(json.dumps({"parameters": len(list(model.parameters())), "moments_equal": moments_equal, "without_state": stateless, "step": a.steps,
                      "param_group": {k: v for k, v in group.items() if k != "params"},
                      "lr_sched": lr_scheduler.state_dict(), "epoch": pre_epoch, "best_epoch": best_epoch,
                      "min_eval_loss": min_eval_loss, "adamw_step_max_abs_error": step_error,
                      "fresh_moments_max_abs_difference": fresh_error, "failures": failures}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
