package io.fairtune.worker.optim;

/**
 * The rules of OPTIMIZERS.md written out element by element on plain double arrays, independently of the
 * production code, to check it against. Each method updates {@code w} and its state arrays in place for one step.
 */
final class ReferenceRules {

    private ReferenceRules() {}

    static double norm(double[] x) {
        double sum = 0;
        for (double value : x) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }

    static void sgd(double[] w, double[] g, double lr, double decay) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * (g[i] + decay * w[i]);
        }
    }

    /** heavy_ball, or nesterov when {@code nesterov}; learning rate outside the buffer. */
    static void momentum(double[] w, double[] g, double[] v, double lr, double mu, double decay, boolean nesterov) {
        for (int i = 0; i < w.length; i++) {
            double decayed = g[i] + decay * w[i];
            v[i] = mu * v[i] + decayed;
            w[i] -= nesterov ? lr * (decayed + mu * v[i]) : lr * v[i];
        }
    }

    /** adam (decay 0) or adamw; t is the 0-based step. */
    static void adam(
            double[] w,
            double[] g,
            double[] m,
            double[] s,
            long t,
            double lr,
            double b1,
            double b2,
            double eps,
            double decay) {
        for (int i = 0; i < w.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            s[i] = b2 * s[i] + (1 - b2) * g[i] * g[i];
            double mHat = m[i] / (1 - Math.pow(b1, t + 1));
            double sHat = s[i] / (1 - Math.pow(b2, t + 1));
            w[i] -= lr * (mHat / (Math.sqrt(sHat) + eps) + decay * w[i]);
        }
    }

    static void lars(
            double[] w,
            double[] g,
            double[] v,
            double lr,
            double mu,
            double decay,
            double zeta,
            double eps,
            boolean nesterov) {
        double wNorm = norm(w);
        double gNorm = norm(g);
        double tr = wNorm == 0 || gNorm == 0 ? 1 : zeta * wNorm / (gNorm + decay * wNorm + eps);
        for (int i = 0; i < w.length; i++) {
            double decayed = g[i] + decay * w[i];
            v[i] = mu * v[i] + lr * tr * decayed;
            w[i] -= nesterov ? mu * v[i] + lr * tr * decayed : v[i];
        }
    }

    static void lamb(
            double[] w,
            double[] g,
            double[] m,
            double[] s,
            long t,
            double lr,
            double b1,
            double b2,
            double eps,
            double decay) {
        double[] u = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            s[i] = b2 * s[i] + (1 - b2) * g[i] * g[i];
            double mHat = m[i] / (1 - Math.pow(b1, t + 1));
            double sHat = s[i] / (1 - Math.pow(b2, t + 1));
            u[i] = mHat / (Math.sqrt(sHat) + eps) + decay * w[i];
        }
        double wNorm = norm(w);
        double uNorm = norm(u);
        double tr = wNorm == 0 || uNorm == 0 ? 1 : wNorm / uNorm;
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * tr * u[i];
        }
    }
}
