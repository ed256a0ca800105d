package io.fairtune.worker.optim;

/** The LARS trust ratio tr = ζ‖w‖/(‖g‖ + λ‖w‖ + ε), 1 when ‖w‖ = 0 or ‖g‖ = 0. */
record TrustRatio(double coefficient, double epsilon) {

    double of(double weightNorm, double gradientNorm, double decay) {
        if (weightNorm == 0 || gradientNorm == 0) {
            return 1;
        }
        return coefficient * weightNorm / (gradientNorm + decay * weightNorm + epsilon);
    }
}
