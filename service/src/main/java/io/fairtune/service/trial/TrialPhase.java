package io.fairtune.service.trial;

/** Tuning trials spend the budget; final-phase runs re-train each arm's best point with fresh seeds. */
public enum TrialPhase {
    TUNING,
    FINAL
}
