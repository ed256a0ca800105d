package io.fairtune.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairtune.service.SharedExamples;
import io.fairtune.service.spec.StudySpecParser;
import io.fairtune.service.study.Study;
import io.fairtune.service.study.api.StudyService;
import io.fairtune.service.trial.TrialRepository;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark, not a test (tag {@code benchmark}, excluded from {@code ./mvnw verify}; run with {@code -Pbench}):
 * the report of a study with 10,000 stored tuning trials, timed against the anchor of loading those trials
 * in the same run. Prints the figures; asserts only that the report is complete.
 */
@Tag("benchmark")
@SpringBootTest(
        properties = {"fairtune.data-dir=target/bench-report", "fairtune.worker.slots=0", "fairtune.sweep-interval=1h"})
@DirtiesContext
class ReportBenchmark {

    private static final Path DATA_DIR = Path.of("target/bench-report");
    private static final int ARMS = 4;
    private static final int TRIALS_PER_ARM = 2_500;
    private static final int RUNS = 10;

    static {
        SharedExamples.deleteTree(DATA_DIR);
    }

    @Autowired
    StudyService studies;

    @Autowired
    ReportService reports;

    @Autowired
    TrialRepository trials;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void reportOfTenThousandTrials() {
        String json = spec();
        Study study = studies.create(StudySpecParser.parse(json), json, new StudyService.Creator("bench", null));
        long id = study.id();
        fillWithResults(id);

        double[] anchor = new double[RUNS];
        double[] report = new double[RUNS];
        for (int warmup = 0; warmup < 3; warmup++) {
            reports.report(id);
            transactions.execute(s -> trials.findByStudyIdOrderByPhaseDescArmIdAscSampleIndexAsc(id));
        }
        Report last = null;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            transactions.execute(s -> trials.findByStudyIdOrderByPhaseDescArmIdAscSampleIndexAsc(id));
            anchor[run] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            last = reports.report(id);
            report[run] = (System.nanoTime() - start) / 1e6;
        }
        double anchorMedian = median(anchor);
        double reportMedian = median(report);
        System.out.printf(
                Locale.ROOT,
                "%nBENCH report of %d trials: median %.1f ms (min %.1f, max %.1f) over %d runs;"
                        + " anchor (load the trials as entities) median %.1f ms; ratio report/anchor %.2f%n%n",
                ARMS * TRIALS_PER_ARM,
                reportMedian,
                Arrays.stream(report).min().orElseThrow(),
                Arrays.stream(report).max().orElseThrow(),
                RUNS,
                anchorMedian,
                reportMedian / anchorMedian);
        assertThat(last.arms())
                .hasSize(ARMS)
                .allSatisfy(arm -> assertThat(arm.bestOfK()).hasSize(TRIALS_PER_ARM));
    }

    /** Results as a worker would have reported them: mostly successes, some divergences and failures. */
    private void fillWithResults(long studyId) {
        jdbc.update(
                "update trial set status = case when random() < 0.9 then 'SUCCEEDED' when random() < 0.7"
                        + " then 'DIVERGED' else 'FAILED' end, attempts = 1, steps_completed = 120,"
                        + " best_val_accuracy = 0.6 + 0.3 * random(), final_val_accuracy = 0.6 + 0.3 * random(),"
                        + " wall_seconds = 20 + random(), samples_per_second = 30000, finished_at = now()"
                        + " where study_id = ?",
                studyId);
        jdbc.update(
                "insert into measurement (trial_id, attempt_number, step, train_loss, val_loss, val_accuracy,"
                        + " learning_rate, elapsed_seconds) select t.id, 1, s * 20, 1.0 / s, 1.1 / s, 0.8, 0.1, s"
                        + " from trial t cross join generate_series(1, 6) s where t.study_id = ?",
                studyId);
        jdbc.update(
                "insert into trial (study_id, arm_id, phase, sample_index, seed, hyperparameters, status, attempts,"
                        + " best_val_accuracy, test_accuracy, steps_completed, wall_seconds, steps_to_target)"
                        + " select a.study_id, a.id, 'FINAL', k, k, '{}', 'SUCCEEDED', 1, 0.85, 0.8 + 0.05 * random(),"
                        + " 120, 20, 100 from arm a cross join generate_series(0, 4) k where a.study_id = ?",
                studyId);
    }

    private static String spec() {
        String json = SharedExamples.study("fashion-mnist-large-batch.json");
        return json.replace("\"trialsPerArm\": 16", "\"trialsPerArm\": " + TRIALS_PER_ARM);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
