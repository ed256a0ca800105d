package io.fairtune.service.trial;

import io.fairtune.worker.training.Measurement;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Learning-curve points: many small rows, written in batches and read in step order. */
@Repository
public class MeasurementStore {

    private final JdbcTemplate jdbc;

    MeasurementStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores each step of an attempt once; a re-sent batch changes nothing. */
    void append(long trialId, int attempt, List<Measurement> measurements) {
        jdbc.batchUpdate(
                "insert into measurement (trial_id, attempt_number, step, train_loss, val_loss, val_accuracy,"
                        + " learning_rate, elapsed_seconds) values (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (trial_id, attempt_number, step) do nothing",
                measurements,
                measurements.size(),
                (ps, m) -> {
                    ps.setLong(1, trialId);
                    ps.setInt(2, attempt);
                    ps.setInt(3, m.step());
                    ps.setDouble(4, m.trainLoss());
                    ps.setDouble(5, m.validationLoss());
                    ps.setDouble(6, m.validationAccuracy());
                    ps.setDouble(7, m.learningRate());
                    ps.setDouble(8, m.elapsedSeconds());
                });
    }

    public List<Measurement> curve(long trialId, int attempt) {
        return jdbc.query(
                "select step, train_loss, val_loss, val_accuracy, learning_rate, elapsed_seconds from measurement"
                        + " where trial_id = ? and attempt_number = ? order by step",
                (rs, row) -> new Measurement(
                        rs.getInt(1),
                        rs.getDouble(2),
                        rs.getDouble(3),
                        rs.getDouble(4),
                        rs.getDouble(5),
                        rs.getDouble(6)),
                trialId,
                attempt);
    }
}
