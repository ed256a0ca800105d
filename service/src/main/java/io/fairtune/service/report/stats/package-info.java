/**
 * Pure statistics of the fairness report: expected best-of-k curves (Dodge et al. 2019), bootstrap percentile
 * intervals, sample summaries and comparison verdicts. No Spring, no database: records and final classes with
 * static methods, deterministic given a seed.
 *
 * <p>Accuracies are fractions in [0, 1]; the caller maps diverged and failed trials to 0 and leaves cancelled
 * trials out before calling in here. Every method rejects non-finite input values.
 */
package io.fairtune.service.report.stats;
