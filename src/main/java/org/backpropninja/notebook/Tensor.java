package org.backpropninja.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Param;

/**
 * The 26 tensors of the notebook's Exercise 1, written once: the intermediates of the staged
 * forward (the notebook's cell of atomic forward steps) and the seven parameters ({@link Param}), in the order the notebook compares
 * their gradients (its manual backward cell, from the loss down). Per tensor: its notebook name, its shape rule,
 * the stretch of {@link StagedChain} whose forward line makes it and that line as the notebook
 * writes it, the tensors whose lines use it, its section of docs/derivations.md, where its value
 * is in a {@link StagedChain.Forward}, and its Exercise 1 method of {@link Exercises}.
 *
 * <p>The comparison order, the gradient table's rows, the judge's sections and the facts in the
 * workbook's comments are read from here. A tensor's users come before it in this order (the chain
 * runs from the loss down), so each row names them; four values are used twice -- counts, logits,
 * bndiff, hprebn -- and their gradients are the sums of two contributions.
 *
 * <p>Shape rules are written in the sizes n (the batch), block, embd, hidden and vocab; a
 * parameter's rule is {@link Param#shapeIn}.
 */
public enum Tensor {
    LOGPROBS("logprobs", "n, vocab", Stretch.ROW_WISE, "logprobs = probs.log()", Section.PICK,
            f -> f.logprobs().out(), Exercises::dlogprobs),
    PROBS("probs", "n, vocab", Stretch.ROW_WISE, "probs = counts * counts_sum_inv", Section.LOG,
            f -> f.probs().out(), Exercises::dprobs, LOGPROBS),
    COUNTS_SUM_INV("counts_sum_inv", "n, 1", Stretch.ROW_WISE, "counts_sum_inv = counts_sum ** -1",
            Section.BROADCAST_MUL, f -> f.countsSumInv().out(), Exercises::dcountsSumInv, PROBS),
    COUNTS_SUM("counts_sum", "n, 1", Stretch.ROW_WISE, "counts_sum = counts.sum(1, keepdim=True)", Section.POW,
            f -> f.countsSum().out(), Exercises::dcountsSum, COUNTS_SUM_INV),
    COUNTS("counts", "n, vocab", Stretch.ROW_WISE, "counts = norm_logits.exp()", Section.USED_TWICE,
            f -> f.counts().out(), Exercises::dcounts, PROBS, COUNTS_SUM),
    NORM_LOGITS("norm_logits", "n, vocab", Stretch.ROW_WISE, "norm_logits = logits - logit_max", Section.EXP,
            f -> f.normLogits().out(), Exercises::dnormLogits, COUNTS),
    LOGIT_MAX("logit_max", "n, 1", Stretch.ROW_WISE, "logit_max = logits.max(1, keepdim=True).values",
            Section.BROADCAST_SUB, f -> f.logitMax().out(), Exercises::dlogitMax, NORM_LOGITS),
    LOGITS("logits", "n, vocab", Stretch.ROW_WISE, "logits = h @ W2 + b2", Section.USED_TWICE,
            f -> f.logits().out(), Exercises::dlogits, NORM_LOGITS, LOGIT_MAX),
    H("h", "n, hidden", Stretch.ROW_WISE, "h = torch.tanh(hpreact)", Section.MATMUL,
            f -> f.h().out(), Exercises::dh, LOGITS),
    W2(Param.W2, Section.MATMUL, Exercises::dW2, LOGITS),
    B2(Param.B2, Section.BROADCAST_ADD, Exercises::db2, LOGITS),
    HPREACT("hpreact", "n, hidden", Stretch.ROW_WISE, "hpreact = bngain * bnraw + bnbias", Section.TANH,
            f -> f.hpreact().out(), Exercises::dhpreact, H),
    BNGAIN(Param.BNGAIN, Section.BROADCAST_MUL, Exercises::dbngain, HPREACT),
    BNRAW("bnraw", "n, hidden", Stretch.NORMALISE, "bnraw = bndiff * bnvar_inv", Section.BROADCAST_MUL,
            f -> f.bnraw().out(), Exercises::dbnraw, HPREACT),
    BNBIAS(Param.BNBIAS, Section.BROADCAST_ADD, Exercises::dbnbias, HPREACT),
    BNVAR_INV("bnvar_inv", "1, hidden", Stretch.NORMALISE, "bnvar_inv = (bnvar + 1e-5) ** -0.5",
            Section.BROADCAST_MUL, f -> f.bnvarInv().out(), Exercises::dbnvarInv, BNRAW),
    BNVAR("bnvar", "1, hidden", Stretch.NORMALISE, "bnvar = 1 / (n - 1) * bndiff2.sum(0, keepdim=True)",
            Section.POW, f -> f.bnvar().out(), Exercises::dbnvar, BNVAR_INV),
    BNDIFF2("bndiff2", "n, hidden", Stretch.NORMALISE, "bndiff2 = bndiff ** 2", Section.SCALE,
            f -> f.bndiff2().out(), Exercises::dbndiff2, BNVAR),
    BNDIFF("bndiff", "n, hidden", Stretch.NORMALISE, "bndiff = hprebn - bnmeani", Section.USED_TWICE,
            f -> f.bndiff().out(), Exercises::dbndiff, BNRAW, BNDIFF2),
    BNMEANI("bnmeani", "1, hidden", Stretch.NORMALISE, "bnmeani = 1 / n * hprebn.sum(0, keepdim=True)",
            Section.BROADCAST_SUB, f -> f.bnmeani().out(), Exercises::dbnmeani, BNDIFF),
    HPREBN("hprebn", "n, hidden", Stretch.LAYER1, "hprebn = embcat @ W1 + b1", Section.USED_TWICE,
            f -> f.hprebn().out(), Exercises::dhprebn, BNDIFF, BNMEANI),
    EMBCAT("embcat", "n, block*embd", Stretch.LAYER1, "embcat = emb.view(emb.shape[0], -1)", Section.MATMUL,
            f -> f.embcat().out(), Exercises::dembcat, HPREBN),
    W1(Param.W1, Section.MATMUL, Exercises::dW1, HPREBN),
    B1(Param.B1, Section.BROADCAST_ADD, Exercises::db1, HPREBN),
    EMB("emb", "n*block, embd", Stretch.LAYER1, "emb = C[Xb]", Section.VIEW,
            f -> f.emb().out(), Exercises::demb, EMBCAT),
    C(Param.C, Section.GATHER, Exercises::dC, EMB);

    /** The three stretches of the staged forward, in the order it runs them (see {@link StagedChain}). */
    public enum Stretch {
        /** The embedding and linear layer 1: Xb -> hprebn. */
        LAYER1,
        /** The batch statistics and the normalisation, where the rows meet: hprebn -> bnraw. */
        NORMALISE,
        /** From bnraw to the loss, row by row but for the final mean. */
        ROW_WISE
    }

    /** The sections of docs/derivations.md that derive the lines, by their headings. */
    public enum Section {
        PICK("`Pick`: logprobs[range(n), Yb]"),
        LOG("`Log`: logprobs = log(probs)"),
        EXP("`Exp`: counts = norm_logits.exp()"),
        TANH("`Tanh`: h = tanh(hpreact)"),
        GATHER("`Gather`: emb = C[Xb]"),
        VIEW("`View`: embcat = emb.view(n, -1)"),
        MATMUL("`MatMul`: embcat @ W1 and h @ W2"),
        BROADCAST_ADD("`BroadcastAdd`: hprebn = ... + b1, hpreact = ... + bnbias, logits = ... + b2"),
        BROADCAST_SUB("`BroadcastSub`: bndiff = hprebn - bnmeani, norm_logits = logits - logit_max"),
        BROADCAST_MUL("`BroadcastMul`: bnraw = bndiff * bnvar_inv, bngain * bnraw, probs = counts * counts_sum_inv"),
        SCALE("`Scale`: bnmeani = 1/n * ..., bnvar = 1/(n-1) * ..."),
        POW("`Pow`: bndiff2 = bndiff^2, bnvar_inv = (bnvar + 1e-5)^-0.5, counts_sum_inv = counts_sum^-1"),
        USED_TWICE("Values used twice");

        private final String heading;

        Section(String heading) {
            this.heading = heading;
        }

        /** The heading in docs/derivations.md, without its {@code ###}. */
        public String heading() {
            return heading;
        }
    }

    /** An Exercise 1 method of {@link Exercises}: the gradient line of one tensor. */
    @FunctionalInterface
    public interface Line {
        Matrix apply(Exercises ex, ForwardValues v, Upstream d);
    }

    /** The line that uses logprobs, the last of the forward: it makes the loss, which is no tensor of the table. */
    public static final String LOSS_LINE = "loss = -logprobs[range(n), Yb].mean()";

    private final String notebookName;
    private final String shapeRule;          // null for a parameter: Param.shapeIn
    private final Stretch stretch;           // null for a parameter: no forward line makes it
    private final String forwardLine;        // null for a parameter
    private final Section section;
    private final Function<StagedChain.Forward, Matrix> value;
    private final Line line;
    private final List<Tensor> users;
    private final Param param;               // null for an intermediate

    /** An intermediate, made by a forward line of the given stretch. */
    Tensor(String notebookName, String shapeRule, Stretch stretch, String forwardLine, Section section,
           Function<StagedChain.Forward, Matrix> value, Line line, Tensor... users) {
        this.notebookName = notebookName;
        this.shapeRule = shapeRule;
        this.stretch = stretch;
        this.forwardLine = forwardLine;
        this.section = section;
        this.value = value;
        this.line = line;
        this.users = List.of(users);
        this.param = null;
    }

    /** A parameter: its name and shape rule are {@link Param}'s. */
    Tensor(Param param, Section section, Line line, Tensor... users) {
        this.notebookName = param.notebookName();
        this.shapeRule = null;
        this.stretch = null;
        this.forwardLine = null;
        this.section = section;
        this.value = f -> f.params().get(param);
        this.line = line;
        this.users = List.of(users);
        this.param = param;
    }

    /** The notebook's name: {@code counts_sum_inv}, {@code W2}, ... */
    public String notebookName() {
        return notebookName;
    }

    /** The name in Java: the notebook name with its underscores as camel case ({@code countsSumInv}). */
    public String javaName() {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : notebookName.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    /** Its gradient's name in Java, that of its method in {@link Exercises}: d + {@link #javaName}. */
    public String gradientName() {
        return "d" + javaName();
    }

    /** The parameter this is, or null for an intermediate. */
    public Param param() {
        return param;
    }

    public boolean isParameter() {
        return param != null;
    }

    /** The tensor of a parameter. */
    public static Tensor of(Param p) {
        for (Tensor t : values()) {
            if (t.param == p) {
                return t;
            }
        }
        throw new AssertionError("every parameter is a tensor of the table: " + p);
    }

    /** The tensor with this notebook name; IllegalArgumentException for any other name. */
    public static Tensor named(String name) {
        for (Tensor t : values()) {
            if (t.notebookName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no intermediate or parameter named " + name);
    }

    /** The shape rule in the sizes, as the workbook shows it: {@code (n, vocab)}, {@code (block*embd, hidden)}. */
    public String shapeRule() {
        if (param == null) {
            return "(" + shapeRule + ")";
        }
        // Param.shapeIn on a network whose sizes are distinct primes: each dimension is a product of
        // distinct sizes, and its factors say which.
        Shape s = param.shapeIn(new Mlp(PRIME_VOCAB, PRIME_EMBD, PRIME_BLOCK, PRIME_HIDDEN));
        return "(" + sizesOf(s.rows()) + ", " + sizesOf(s.cols()) + ")";
    }

    private static final int PRIME_VOCAB = 2;
    private static final int PRIME_EMBD = 3;
    private static final int PRIME_BLOCK = 5;
    private static final int PRIME_HIDDEN = 7;

    private static String sizesOf(int dim) {
        List<String> names = new ArrayList<>();
        String[] order = {"block", "embd", "hidden", "vocab"};
        int[] primes = {PRIME_BLOCK, PRIME_EMBD, PRIME_HIDDEN, PRIME_VOCAB};
        int rest = dim;
        for (int i = 0; i < primes.length; i++) {
            if (rest % primes[i] == 0) {
                names.add(order[i]);
                rest /= primes[i];
            }
        }
        if (rest != 1) {
            throw new AssertionError("a parameter dimension that is not a product of distinct sizes: " + dim);
        }
        return names.isEmpty() ? "1" : String.join("*", names);
    }

    /** Its shape in a network of these sizes with a batch of n examples. */
    public Shape shapeIn(Mlp net, int n) {
        return param != null ? param.shapeIn(net) : shapeOf(shapeRule(), net, n);
    }

    /** The shape a rule as {@link #shapeRule()} writes it, {@code (block*embd, hidden)}, names in these sizes. */
    static Shape shapeOf(String rule, Mlp net, int n) {
        String[] dims = rule.substring(1, rule.length() - 1).split(", ");
        if (dims.length != 2) {
            throw new AssertionError("a shape rule of other than two dimensions: " + rule);
        }
        return new Shape(size(dims[0], net, n), size(dims[1], net, n));
    }

    private static int size(String product, Mlp net, int n) {
        int size = 1;
        for (String factor : product.split("\\*")) {
            size *= switch (factor) {
                case "1" -> 1;
                case "n" -> n;
                case "block" -> net.block();
                case "embd" -> net.embd();
                case "hidden" -> net.hidden();
                case "vocab" -> net.vocab();
                default -> throw new AssertionError("a shape rule names an unknown size: " + factor);
            };
        }
        return size;
    }

    /** The stretch whose forward line makes it; null for a parameter. */
    public Stretch stretch() {
        return stretch;
    }

    /** The first stretch of the forward that reads it: that of its users' lines (the loss's for logprobs). */
    public Stretch readBy() {
        return users.isEmpty() ? Stretch.ROW_WISE : users.get(0).stretch;
    }

    /**
     * Whether a change to one row of it changes only that row's picked log-probability: an
     * intermediate read by the row-wise stretch (a parameter is shared by every row).
     */
    public boolean rowLocal() {
        return param == null && readBy() == Stretch.ROW_WISE;
    }

    /** The notebook's forward line that makes it (its cell of atomic forward steps); null for a parameter. */
    public String forwardLine() {
        return forwardLine;
    }

    /** The tensors whose forward lines use it, earlier in this order; none for logprobs, which the loss uses. */
    public List<Tensor> users() {
        return users;
    }

    /** The forward lines that use it: its users', or the loss's. */
    public List<String> usingLines() {
        return users.isEmpty() ? List.of(LOSS_LINE) : users.stream().map(Tensor::forwardLine).toList();
    }

    /** Used by two lines, so its gradient is the sum of two contributions. */
    public boolean usedTwice() {
        return users.size() == 2;
    }

    /** The section of docs/derivations.md that derives its gradient line. */
    public Section section() {
        return section;
    }

    /** Its value in a staged forward. */
    public Matrix valueIn(StagedChain.Forward f) {
        return value.apply(f);
    }

    /** Its Exercise 1 line of {@code ex}. */
    public Matrix line(Exercises ex, ForwardValues v, Upstream d) {
        return line.apply(ex, v, d);
    }

    /** The tensors before this one in the comparison order: the gradients its line may read. */
    public List<Tensor> before() {
        return Arrays.asList(values()).subList(0, ordinal());
    }
}
