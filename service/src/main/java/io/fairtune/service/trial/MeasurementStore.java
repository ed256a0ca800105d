package io.fairtune.service.trial;

import io.fairtune.contract.protocol.Measurement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Learning-curve points: many small rows, written in batches and read in step order. */
@Repository
public class MeasurementStore {

    private static final String COLUMNS =
            "select step, train_loss, val_loss, val_accuracy, learning_rate, elapsed_seconds from measurement";
    private static final RowMapper<Measurement> POINT = (rs, row) -> new Measurement(
            rs.getInt(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6));

    private final JdbcTemplate jdbc;

    MeasurementStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores each step of an attempt once. A re-sent point is harmless when it is the same point; the steps whose
     * stored values differ are returned, and the caller rolls back.
     */
    List<Integer> append(long trialId, int attempt, List<Measurement> measurements) {
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
        return differing(trialId, attempt, measurements);
    }

    /** The steps of {@code measurements} that are not stored with exactly these values (missing ones included). */
    List<Integer> differing(long trialId, int attempt, List<Measurement> measurements) {
        if (measurements.isEmpty()) {
            return List.of();
        }
        Map<Integer, Measurement> stored = new HashMap<>();
        for (Measurement m : points(
                trialId,
                attempt,
                measurements.stream().map(Measurement::step).distinct().toList())) {
            stored.put(m.step(), m);
        }
        List<Integer> differing = new ArrayList<>();
        for (Measurement m : measurements) {
            // Record equality compares boxed doubles with Double.equals: NaN matches NaN.
            if (!m.equals(stored.get(m.step())) && !differing.contains(m.step())) {
                differing.add(m.step());
            }
        }
        return differing;
    }

    int count(long trialId, int attempt) {
        Integer count = jdbc.queryForObject(
                "select count(*) from measurement where trial_id = ? and attempt_number = ?",
                Integer.class,
                trialId,
                attempt);
        return count == null ? 0 : count;
    }

    public List<Measurement> curve(long trialId, int attempt) {
        return jdbc.query(
                COLUMNS + " where trial_id = ? and attempt_number = ? order by step", POINT, trialId, attempt);
    }

    private List<Measurement> points(long trialId, int attempt, List<Integer> steps) {
        return jdbc.query(
                COLUMNS + " where trial_id = ? and attempt_number = ? and step = any (?)",
                POINT,
                trialId,
                attempt,
                steps.toArray(Integer[]::new));
    }
}
