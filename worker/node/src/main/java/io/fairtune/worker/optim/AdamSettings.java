package io.fairtune.worker.optim;

/** The moment decays β1, β2 and the ε added to √ŝ of adam, adamw and lamb. */
record AdamSettings(double beta1, double beta2, double epsilon) {}
