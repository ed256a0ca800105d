package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The one-command deployment keeps what it commits: an OS crash cannot lose or corrupt acknowledged results. */
@FairtuneIntegrationTest
class EmbeddedPostgresTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theEmbeddedDatabaseFlushesEveryCommit() {
        assertThat(setting("fsync")).isEqualTo("on");
        assertThat(setting("synchronous_commit")).isEqualTo("on");
        assertThat(setting("full_page_writes")).isEqualTo("on");
    }

    private String setting(String name) {
        return jdbc.queryForObject("select setting from pg_settings where name = ?", String.class, name);
    }
}
