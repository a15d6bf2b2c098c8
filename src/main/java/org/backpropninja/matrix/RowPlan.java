package org.backpropninja.matrix;

import java.util.List;
import java.util.function.Supplier;

/**
 * A kernel prepared so that its rows can be computed in any order, by either thread of a
 * {@link RowSplit}, and then finished into its result on the calling thread; and several such
 * kernels run in one split ({@link #inOneSplit}), so that a slow or descheduled helper holds up
 * the caller by at most the block it is in, never by a whole kernel (docs/speed.md, section
 * "The row split").
 */
interface RowPlan {

    /** The kernel's rows. */
    int rows();

    /** Its work in {@link RowSplit}'s unit (multiply-adds, or element operations). */
    long work();

    /** Rows [from, to). */
    void compute(int from, int to);

    /** The result, once every row is computed. */
    double[][] finish();

    /** A plan from its parts. */
    static RowPlan of(int rows, long work, RowSplit.Rows compute, Supplier<double[][]> finish) {
        return new RowPlan() {
            @Override
            public int rows() {
                return rows;
            }

            @Override
            public long work() {
                return work;
            }

            @Override
            public void compute(int from, int to) {
                compute.run(from, to);
            }

            @Override
            public double[][] finish() {
                return finish.get();
            }
        };
    }

    /** One plan, split by its rows; its result. */
    static double[][] run(RowSplit split, RowPlan plan) {
        split.run(plan.rows(), plan.work(), plan::compute);
        return plan.finish();
    }

    /**
     * The plans in one split, each plan's blocks of {@link RowSplit#BLOCK} rows after the previous
     * plan's: the calling thread takes blocks from the front (the first plans), the helper from the
     * back (the last), so with both at the same speed each kernel stays whole on one core, in its
     * cache, as tasks side by side would; and when the helper is slow or taken off its core, the
     * caller goes on into its blocks. Every row is computed by the same code, so the bits are those
     * of each kernel alone. Returns the results in the order of the plans.
     */
    static double[][][] inOneSplit(RowSplit split, List<RowPlan> plans) {
        int block = RowSplit.BLOCK;
        int[] firstBlock = new int[plans.size() + 1];
        long work = 0;
        for (int i = 0; i < plans.size(); i++) {
            firstBlock[i + 1] = firstBlock[i] + (plans.get(i).rows() + block - 1) / block;
            work += plans.get(i).work();
        }
        split.run(firstBlock[plans.size()] * block, work, (from, to) -> {
            // each plan's part of [from, to) in one call: a whole kernel at once when nothing splits
            int first = from / block;
            int end = (to + block - 1) / block;
            for (int i = 0; i < plans.size(); i++) {
                int lo = Math.max(first, firstBlock[i]);
                int hi = Math.min(end, firstBlock[i + 1]);
                if (lo < hi) {
                    RowPlan plan = plans.get(i);
                    plan.compute((lo - firstBlock[i]) * block, Math.min(plan.rows(), (hi - firstBlock[i]) * block));
                }
            }
        });
        double[][][] out = new double[plans.size()][][];
        for (int i = 0; i < out.length; i++) {
            out[i] = plans.get(i).finish();
        }
        return out;
    }
}
