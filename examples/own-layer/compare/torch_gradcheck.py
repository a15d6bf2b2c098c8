"""PyTorch's torch.autograd.gradcheck on the example's layers, right and wrong backward, for
docs/own-layer.md's comparison. Optional: needs PyTorch (Debian's python3-torch); nothing in the
build runs it. Each layer is a torch.autograd.Function whose backward is written by hand, as in the
Java example; gradcheck runs with its defaults (eps 1e-6, atol 1e-5, rtol 1e-3) in float64.

    python3 examples/own-layer/compare/torch_gradcheck.py
"""
import torch

EPS = 1e-5


class LayerNorm(torch.autograd.Function):
    forgot_one_over_d = False

    @staticmethod
    def forward(ctx, x, gamma, beta):
        xc = x - x.mean(1, keepdim=True)
        rstd = ((xc * xc).mean(1, keepdim=True) + EPS) ** -0.5
        xhat = xc * rstd
        ctx.save_for_backward(xhat, rstd, gamma)
        return xhat * gamma + beta

    @staticmethod
    def backward(ctx, dout):
        xhat, rstd, gamma = ctx.saved_tensors
        dxhat = dout * gamma
        var_path = (dxhat * xhat).sum(1, keepdim=True) if LayerNorm.forgot_one_over_d \
            else (dxhat * xhat).mean(1, keepdim=True)
        dx = rstd * (dxhat - dxhat.mean(1, keepdim=True) - xhat * var_path)
        return dx, (dout * xhat).sum(0, keepdim=True), dout.sum(0, keepdim=True)


class XLogX(torch.autograd.Function):
    missing_branch = False

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x.log()

    @staticmethod
    def backward(ctx, dout):
        (x,) = ctx.saved_tensors
        return dout * x.log() if XLogX.missing_branch else dout * (x.log() + 1)


class AttentionScores(torch.autograd.Function):
    missing_transpose = False

    @staticmethod
    def forward(ctx, q, k):
        scale = q.shape[1] ** -0.5
        p = torch.softmax(q @ k.T * scale, dim=1)
        ctx.save_for_backward(q, k, p)
        ctx.scale = scale
        return p

    @staticmethod
    def backward(ctx, dp):
        q, k, p = ctx.saved_tensors
        ds = p * (dp - (dp * p).sum(1, keepdim=True))
        dk = ds @ q if AttentionScores.missing_transpose else ds.T @ q
        return ds @ k * ctx.scale, dk * ctx.scale


def verdict(fn, inputs):
    try:
        torch.autograd.gradcheck(fn, inputs)
        return "pass"
    except Exception as e:  # GradcheckError, or the NaN of a step outside the domain
        return "raises (" + str(e).splitlines()[0][:70] + ")"


def rand(*shape, lo=-2.0, hi=2.0):
    return (torch.rand(*shape, dtype=torch.float64) * (hi - lo) + lo).requires_grad_()


def main():
    torch.manual_seed(0)
    cases = [
        ("LayerNorm", LayerNorm, "forgot_one_over_d",
         [("4 x 5", lambda: (rand(4, 5), rand(1, 5), rand(1, 5))),
          ("1 x 2", lambda: (rand(1, 2), rand(1, 2), rand(1, 2)))]),
        ("XLogX", XLogX, "missing_branch",
         [("4 x 5 in [0.2, 3]", lambda: (rand(4, 5, lo=0.2, hi=3),)),
          ("1 x 1 at 1e-7", lambda: (torch.full((1, 1), 1e-7, dtype=torch.float64, requires_grad=True),))]),
        ("AttentionScores", AttentionScores, "missing_transpose",
         [("4 x 5", lambda: (rand(4, 5), rand(4, 5))),
          ("1 x 3 (one position)", lambda: (rand(1, 3), rand(1, 3)))]),
    ]
    print("torch", torch.__version__)
    for name, fn, flag, inputs in cases:
        for label, make in inputs:
            setattr(fn, flag, False)
            right = verdict(fn.apply, make())
            setattr(fn, flag, True)
            wrong = verdict(fn.apply, make())
            print(f"{name:16s} {label:22s} right: {right:40s} wrong ({flag}): {wrong}")


if __name__ == "__main__":
    main()
