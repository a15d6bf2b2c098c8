package org.backpropninja.notebook;

import org.backpropninja.matrix.Matrix;

/**
 * Lines that are a learner's bug of another kind: one recurses without end, one never returns. The
 * judge must report each as that line's FAIL, within its time limit per line ({@link LineCall}).
 */
final class BrokenLines extends BlankExercises {

    /** Calls itself. */
    @Override
    public Matrix dprobs(ForwardValues v, Upstream d) {
        return dprobs(v, d).scale(1.0);
    }

    /** Never returns: waits for ever, without burning the core a spinning loop would (its thread is a daemon). */
    @Override
    public Matrix db2(ForwardValues v, Upstream d) {
        Object never = new Object();
        synchronized (never) {
            while (never != null) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    continue;                               // a line that never returns keeps waiting
                }
            }
        }
        return d.dlogits().sum(0);
    }
}
