package io.fairtune.service.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V5 stores each study's design beside it; studies stored before it get the same columns from the spec they were
 * accepted with (explicit comparisons, or every pair with the earlier arm as baseline).
 */
class StoredDesignMigrationTest {

    @Test
    void studiesStoredBeforeV5GetTheirTunedNamesScheduleSettingsAndComparisons() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Flyway before = Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .locations("classpath:db/migration")
                    .target("4")
                    .load();
            before.migrate();
            JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
            long pairs = study(
                    jdbc,
                    "{\"arms\": [{\"schedule\": {\"type\": \"constant\", \"warmup_fraction\": 0.1}},"
                            + " {\"schedule\": {\"type\": \"constant\"}}, {\"schedule\": {\"type\": \"constant\"}}]}");
            long chosen = study(
                    jdbc,
                    "{\"arms\": [{\"schedule\": {\"type\": \"constant\"}},"
                            + " {\"schedule\": {\"type\": \"constant\"}}, {\"schedule\": {\"type\": \"constant\"}}],"
                            + " \"comparisons\": [{\"candidate\": \"c\", \"baseline\": \"a\"}]}");

            Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();

            Map<String, Object> first = jdbc.queryForMap(
                    "select tuned_hyperparameters, schedule_settings from arm where study_id = ? and position = 0",
                    pairs);
            assertThat(first.get("tuned_hyperparameters")).isEqualTo("[\"learning_rate\", \"momentum\"]");
            assertThat(first.get("schedule_settings")).isEqualTo("{ \"warmup_fraction\" : 0.1 }");
            assertThat(jdbc.queryForObject("select comparisons from study where id = ?", String.class, pairs))
                    .isEqualTo(
                            "[{\"candidate\" : \"b\", \"baseline\" : \"a\"}, {\"candidate\" : \"c\", \"baseline\" : \"a\"},"
                                    + " {\"candidate\" : \"c\", \"baseline\" : \"b\"}]");
            assertThat(jdbc.queryForObject("select comparisons from study where id = ?", String.class, chosen))
                    .isEqualTo("[{\"candidate\" : \"c\", \"baseline\" : \"a\"}]");
        }
    }

    private static long study(JdbcTemplate jdbc, String spec) {
        Long id = jdbc.queryForObject(
                "insert into study (name, status, spec, dataset, model, batch_size, training_steps,"
                        + " eval_every_steps, validation_examples, target_metric, target_value, search_algorithm,"
                        + " search_seed, trials_per_arm, max_parallel_trials, max_attempts_per_trial, final_seeds)"
                        + " values ('old', 'COMPLETED', ?, 'synthetic', 'mlp', 64, 10, 5, 100, 'val_accuracy', 0.8,"
                        + " 'quasi_random', 1, 1, 1, 3, 0) returning id",
                Long.class,
                spec);
        for (String[] arm : new String[][] {{"0", "a"}, {"1", "b"}, {"2", "c"}}) {
            jdbc.update(
                    "insert into arm (study_id, position, name, optimizer, schedule_type, space)"
                            + " values (?, ?, ?, 'nesterov', 'constant', ?)",
                    id,
                    Integer.parseInt(arm[0]),
                    arm[1],
                    "{\"learning_rate\": {\"min\": 0.1, \"max\": 1, \"scale\": \"log\"},"
                            + " \"weight_decay\": {\"value\": 0}, \"momentum\": {\"values\": [0.9, 0.99]}}");
        }
        return id;
    }
}
